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

const ADMIN_URL = process.env.PANDU_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const BENCH_DB = "pandu_bench_startup";

/** An empty PostgreSQL database for the PostgreSQL restart (dropped afterwards). */
async function createBenchDatabase(): Promise<string> {
  const { default: pg } = await import("pg");
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${BENCH_DB}`;
  return url.toString();
}

async function dropBenchDatabase(_url: string): Promise<void> {
  const { default: pg } = await import("pg");
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Milliseconds for one run of `node <args>` to exit (status 0 required). */
function runMs(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8" });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} failed (${r.status}): ${r.stderr}`);
  return ms;
}

async function healthMs(dataDir: string, databaseUrl?: string): Promise<number> {
  const t0 = performance.now();
  const server = spawnServer({ PANDU_DATA_DIR: dataDir, DATABASE_URL: databaseUrl, PANDU_DEMO: "false" }, 0, SERVER);
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

    // What PGlite itself costs: a bare `PGlite.create` on the same data directory (PostgreSQL's own start-up,
    // compiled to WebAssembly), and a warm restart on PostgreSQL, where that cost is the database server's.
    const pgliteOpen: number[] = [];
    const openScript = `import { PGlite } from "@electric-sql/pglite"; const c = await PGlite.create(${JSON.stringify(data)}); await c.query("select 1"); await c.close();`;
    for (let i = 0; i < Math.min(trials, 5); i++) pgliteOpen.push(runMs(["--input-type=module", "-e", openScript]));
    const pgUrl = await createBenchDatabase();
    try {
      await healthMs(path.join(dir, "pg-data"), pgUrl); // first start: migrations and seeding
      const pgRestarts: number[] = [];
      const pgBaselines: number[] = [];
      for (let i = 0; i < Math.min(trials, 5); i++) {
        pgBaselines.push(await bareNodeStartMs());
        pgRestarts.push(await healthMs(path.join(dir, "pg-data"), pgUrl));
      }
      console.log(
        `startup server (PostgreSQL): warm restart ${fmt(median(pgRestarts))} ms [${pgRestarts.map((m) => fmt(m)).join(", ")}]; ` +
          `bare node http ${fmt(median(pgBaselines))} ms; ratio ×${fmt(median(pgRestarts) / median(pgBaselines), 1)}; ` +
          `bare PGlite.create + close on the PGlite data directory ${fmt(median(pgliteOpen))} ms (×${fmt(median(pgliteOpen) / baseline, 1)} of bare node http)`,
      );
    } finally {
      await dropBenchDatabase(pgUrl);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
