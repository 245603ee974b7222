// Is dist/ built from the sources as they are now? Shared by scripts/build.mjs (`npm start` runs it
// with --if-stale) and bin/pandu.js. Plain JavaScript with Node built-ins only: it runs before
// anything is compiled and in a production install without devDependencies.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const STAMP_FILE = "build-stamp.json";
/** What the build is made from, relative to the repository root. */
const SOURCES = ["src", "index.html", "vite.config.ts", "package-lock.json"];

function walk(p, visit) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return;
  }
  if (!st.isDirectory()) return visit(p, st);
  for (const f of fs.readdirSync(p).sort()) walk(path.join(p, f), visit);
}

function newestMtimeMs(root) {
  let newest = 0;
  for (const s of SOURCES) walk(path.join(root, s), (_, st) => (newest = Math.max(newest, st.mtimeMs)));
  return newest;
}

function sourceHash(root) {
  const h = crypto.createHash("sha256");
  for (const s of SOURCES) walk(path.join(root, s), (file) => h.update(path.relative(root, file)).update("\0").update(fs.readFileSync(file)).update("\0"));
  return h.digest("hex");
}

/** The newest modification time and the content hash of the sources (written into the stamp). */
export function sourceState(root) {
  return { newestMtimeMs: newestMtimeMs(root), hash: sourceHash(root) };
}

/**
 * True when dist/ was built from the current sources: a production tree without src/ is taken as
 * built; otherwise the stamp's newest mtime must cover every source file, or, when a file is newer
 * (a checkout, a copy that reset mtimes), the content hash must still match. `web` also requires
 * the web app.
 */
export function isFresh(root, { web = true } = {}) {
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(path.join(root, "dist", STAMP_FILE), "utf8"));
  } catch {
    return false;
  }
  if (web && !stamp.web) return false;
  if (!fs.existsSync(path.join(root, "src"))) return true;
  const newest = newestMtimeMs(root);
  if (newest <= stamp.newestMtimeMs) return true;
  if (sourceHash(root) !== stamp.hash) return false;
  // Same content, newer mtimes: remember them so the next check is the cheap one again (best effort).
  try {
    fs.writeFileSync(path.join(root, "dist", STAMP_FILE), JSON.stringify({ ...stamp, newestMtimeMs: newest }, null, 2) + "\n");
  } catch {
    // a read-only tree: the hash is computed each time
  }
  return true;
}
