import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The single-page app: index.html at the repository root loads src/web/main.tsx; the build lands in
// dist/web, which the server serves (with index.html for client routes). `npm run dev:web` proxies
// the API to a server started with `npm run dev`.
const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  publicDir: false,
  build: {
    outDir: "dist/web",
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    proxy: {
      "/api": { target: "http://127.0.0.1:3000", changeOrigin: false },
    },
  },
});
