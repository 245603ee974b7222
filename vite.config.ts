import { fileURLToPath } from "node:url";
import fs from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

// The single-page app: index.html at the repository root loads src/web/main.tsx; the build lands in
// dist/web, which the server serves (with index.html for client routes). `npm run dev:web` proxies
// the API to a server started with `npm run dev`.
const root = fileURLToPath(new URL(".", import.meta.url));

/** Text assets worth compressing; source maps are fetched by developers only. */
const COMPRESSIBLE = /\.(js|css|html|svg|json|txt)$/;

/**
 * Writes a brotli (`.br`, best quality) and a gzip (`.gz`) copy beside every text asset once, at build
 * time: the server sends them as they are (`@fastify/static` preCompressed), so no request compresses.
 */
function precompress(): Plugin {
  let outDir = "";
  return {
    name: "pandu-precompress",
    apply: "build",
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    writeBundle(_options, bundle) {
      for (const fileName of Object.keys(bundle)) {
        if (!COMPRESSIBLE.test(fileName)) continue;
        const file = path.join(outDir, fileName);
        const body = fs.readFileSync(file);
        if (body.length < 1024) continue;
        fs.writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
        fs.writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root,
  plugins: [react(), precompress()],
  publicDir: false,
  build: {
    outDir: "dist/web",
    emptyOutDir: true,
    sourcemap: true,
    // .vite/manifest.json: which chunks each page loads (the JavaScript budget test reads it).
    manifest: true,
    rollupOptions: {
      output: {
        // ECharts' renderer library in a chunk of its own: no chunk over the 500 KB budget, and the two
        // halves of the chart code download in parallel.
        manualChunks: (id) => (id.includes("/node_modules/zrender/") ? "zrender" : undefined),
      },
    },
  },
  server: {
    proxy: {
      "/api": { target: "http://127.0.0.1:3000", changeOrigin: false },
    },
  },
});
