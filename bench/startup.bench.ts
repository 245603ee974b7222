import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { spawnServer, waitForHealth } from "../test/helpers/server-process";
import { bareNodeStartMs } from "./restart.bench";
import { fmt, median } from "./stats";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SERVER = path.join(ROOT, "dist/server/main.js");

/** Milliseconds for one run of `node <args>` to exit (status 0 required). */
function runMs(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8" });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} failed (${r.status}): ${r.stderr}`);
  return ms;
}

async function healthMs(dataDir: string): Promise<number> {
  const t0 = performance.now();
  const server = spawnServer({ PANDU_DATA_DIR: dataDir, DATABASE_URL: undefined, PANDU_DEMO: "false" }, 0, SERVER);
  try {
    await waitForHealth(server, 120_000);
    return performance.now() - t0;
  } finally {
    await server.stop();
  }
}

/**
 * Start-up of the compiled build (issue #16), each against a baseline measured in the same run,
 * interleaved trial by trial: `node -e 0` vs `pandu --version` and `pandu score` (bin/pandu.js, which
 * runs dist/cli/main.js when it is fresh); a bare Node HTTP server vs a warm restart of
 * `node dist/server/main.js` on an existing PGlite data directory, to its first 200 from
 * /api/health; and the first start on an empty data directory (migrations and seeding, the web app
 * already built, as `npm start` after its build).
 */
export async function benchStartup(trials = 7): Promise<void> {
  const build = spawnSync(process.execPath, [path.join(ROOT, "scripts/build.mjs"), "--if-stale"], { cwd: ROOT, stdio: "inherit" });
  if (build.status !== 0) throw new Error("npm run build failed");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-bench-startup-"));
  try {
    const levels = path.join(dir, "levels.json");
    fs.writeFileSync(levels, JSON.stringify(Object.fromEntries(Array.from({ length: 47 }, (_, i) => [String(i + 1), 3]))));
    const bin = path.join(ROOT, "bin/pandu.js");
    const t = { bare: [] as number[], version: [] as number[], score: [] as number[] };
    runMs([bin, "--version"]); // warms the file cache
    for (let i = 0; i < trials; i++) {
      t.bare.push(runMs(["-e", "0"]));
      t.version.push(runMs([bin, "--version"]));
      t.score.push(runMs([bin, "score", "--instrument", "permenpanrb-59-2020", "--levels", levels]));
    }
    const bare = median(t.bare);
    console.log(
      `startup cli: node -e 0 ${fmt(bare)} ms; pandu --version ${fmt(median(t.version))} ms (×${fmt(median(t.version) / bare, 1)}); ` +
        `pandu score ${fmt(median(t.score))} ms (×${fmt(median(t.score) / bare, 1)}) [medians of ${trials}]`,
    );

    const data = path.join(dir, "data");
    const first = await healthMs(data);
    const restarts: number[] = [];
    const baselines: number[] = [];
    for (let i = 0; i < Math.min(trials, 5); i++) {
      baselines.push(await bareNodeStartMs());
      restarts.push(await healthMs(data));
    }
    const restart = median(restarts);
    const baseline = median(baselines);
    console.log(
      `startup server: first start (migrate + seed) ${fmt(first)} ms; warm restart to /api/health ${fmt(restart)} ms [${restarts.map((m) => fmt(m)).join(", ")}]; ` +
        `bare node http ${fmt(baseline)} ms; ratio ×${fmt(restart / baseline, 1)}`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
