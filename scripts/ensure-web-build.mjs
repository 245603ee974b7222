// Builds the single-page app into dist/web when it is missing or older than its sources, so
// `npm start` on a fresh clone serves the UI and a restart does not pay for a rebuild.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const stamp = path.join(root, "dist/web/index.html");
const sources = ["index.html", "vite.config.ts", "src/web", "src/core", "package-lock.json"].map((p) => path.join(root, p));

function newestMtime(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return fs.readdirSync(p).reduce((m, f) => Math.max(m, newestMtime(path.join(p, f))), st.mtimeMs);
}

const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
if (built && Math.max(...sources.map(newestMtime)) <= built) process.exit(0);
console.log("Membangun antarmuka web / building the web app…");
const r = spawnSync(process.execPath, [path.join(root, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"], { cwd: root, stdio: "inherit" });
process.exit(r.status ?? 1);
