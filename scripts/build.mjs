// `npm run build`: compiles the server, the CLI and the web app once, into dist/.
//
//   dist/server/main.js   the server (esbuild: platform node, ESM, packages left external)
//   dist/cli/main.js      the `pandu` command (same)
//   dist/migrations/      the SQL migrations (drizzle's journal in meta/), read at start-up
//   dist/web/             the single-page app (vite build)
//   dist/build-stamp.json what the build was made from (newest source mtime and a hash of the sources)
//
// Options: --if-stale (do nothing when the stamp matches the sources; what `npm start` runs first),
// --no-web (server and CLI only), --out <dir> (build into <dir>/dist instead of ./dist; the caller
// provides package.json, instruments/ and seed/ next to it, as the compiled code finds them at ../../).
// The staleness check itself is in scripts/build-stamp.mjs, shared with bin/pandu.js.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isFresh, sourceState, STAMP_FILE } from "./build-stamp.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const outIdx = args.indexOf("--out");
const outRoot = outIdx >= 0 ? path.resolve(args[outIdx + 1] ?? "") : root;
const dist = path.join(outRoot, "dist");
const withWeb = !args.includes("--no-web");

if (args.includes("--if-stale")) {
  if (isFresh(root)) process.exit(0);
  if (!fs.existsSync(path.join(root, "node_modules/esbuild"))) {
    console.error("pandu: dist/ is missing or older than src/, and the build tools are not installed (npm ci --omit=dev); run `npm run build` where they are.");
    process.exit(1);
  }
  console.log("Membangun / building (dist/ is missing or older than the sources)…");
}

/** Packages left outside the bundle (see the comment at `external` below). */
const EXTERNAL = [
  "@electric-sql/pglite", "@node-rs/argon2", "pdfkit", "@fastify/swagger-ui", "pg-native",
  "exceljs", "@aws-sdk/*", "nodemailer", "archiver", "qrcode", "@zxcvbn-ts/*", "esbuild", "vite",
];

// What the build is made from, taken before it starts: a source changed while it runs is newer than
// the stamp (and its content differs), so the next --if-stale builds again.
const builtFrom = sourceState(root);
const t0 = performance.now();
const { build } = await import("esbuild");
await build({
  absWorkingDir: root,
  entryPoints: { "server/main": "src/server/main.ts", "cli/main": "src/cli/main.ts" },
  outdir: dist,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // Dependencies are bundled in (resolving and loading ~1,500 files of node_modules was the largest part of a
  // warm restart, issue #16), except those that read files next to their own code at run time (PGlite's
  // WebAssembly, argon2's native binary, pdfkit's fonts, Swagger UI's pages), optional drivers, and the heavy
  // modules loaded only on first use (they stay separate packages, loaded when a request needs them).
  external: EXTERNAL,
  banner: { js: "import { createRequire as __panduCreateRequire } from 'node:module'; const require = __panduCreateRequire(import.meta.url);" },
  sourcemap: true,
  // Chunks for what is imported with import(): a CLI command loads only its own code and packages.
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  logLevel: "warning",
  legalComments: "none",
});

// Migrations: src/db/client.ts looks for them next to itself (sources) or at ../migrations (dist/server, dist/cli).
fs.rmSync(path.join(dist, "migrations"), { recursive: true, force: true });
fs.cpSync(path.join(root, "src/db/migrations"), path.join(dist, "migrations"), { recursive: true });
console.log(`server + cli: ${Math.round(performance.now() - t0)} ms`);

if (withWeb) {
  const t1 = performance.now();
  const r = spawnSync(process.execPath, [path.join(root, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn", "--outDir", path.join(dist, "web"), "--emptyOutDir"], {
    cwd: root,
    stdio: "inherit",
    // Always the production build of React and friends: a build started from a test run inherits NODE_ENV=test,
    // with which Vite would bundle React's development code (twice the size, test/web/bundle-budget.test.ts).
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
  console.log(`web: ${Math.round(performance.now() - t1)} ms`);
}

// The stamp last: an interrupted build is stale.
fs.writeFileSync(path.join(dist, STAMP_FILE), JSON.stringify({ ...builtFrom, web: withWeb }, null, 2) + "\n");
