// `npm test`: the whole suite, as CI counts it. Builds the web app if needed (browser tests load
// it), runs every test on the embedded PGlite, then runs the database tests (*.db.test.ts) again on
// PostgreSQL, and ends with one line "N passed, N failed" over both runs; a failed file or hook, an
// unhandled error and a crashed run each count as a failure (scripts/test-summary.mjs).
//
// PostgreSQL: PANDU_TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres) must
// reach a server where the user may create databases; each test file creates and drops its own.
// When it cannot be reached the PostgreSQL run is skipped with a warning, unless
// PANDU_REQUIRE_POSTGRES=1 (CI sets it), which makes that a failure.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { countRun, summarise } from "./test-summary.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outDir = path.join(root, ".test-results");
fs.mkdirSync(outDir, { recursive: true });
const pgUrl = process.env.PANDU_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const extraArgs = process.argv.slice(2);

function run(cmd, args, env = {}) {
  return spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } }).status;
}

async function postgresReachable() {
  const c = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch (e) {
    console.warn(`PostgreSQL at ${pgUrl.replace(/\/\/[^@/]*@/, "//***@")} not reachable: ${e.message}`);
    return false;
  }
}

function readJson(file) {
  if (!fs.existsSync(file)) return undefined;
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined; // a half-written report: the run crashed
  }
}

function vitest(name, env, filters) {
  const report = path.join(outDir, `${name}.json`);
  const errors = path.join(outDir, `${name}.errors.json`);
  fs.rmSync(report, { force: true });
  fs.rmSync(errors, { force: true });
  console.log(`\n=== tests on ${name} ===`);
  const reporters = ["--reporter=default", "--reporter=json", `--outputFile.json=${report}`, `--reporter=${path.join(root, "scripts/vitest-errors-reporter.mjs")}`];
  const status = run(process.execPath, [path.join(root, "node_modules/vitest/vitest.mjs"), "run", ...reporters, ...filters, ...extraArgs], { ...env, PANDU_VITEST_ERRORS_FILE: errors });
  return countRun({ name, report: readJson(report), errors: readJson(errors), status });
}

if (run(process.execPath, [path.join(root, "scripts/build.mjs"), "--if-stale"]) !== 0) {
  console.log("0 passed, 1 failed");
  process.exit(1);
}
const results = [vitest("pglite", { PANDU_TEST_DB: "pglite" }, [])];
if (await postgresReachable()) results.push(vitest("postgres", { PANDU_TEST_DB: "postgres", PANDU_TEST_POSTGRES_URL: pgUrl }, [".db.test.ts"]));
else if (process.env.PANDU_REQUIRE_POSTGRES === "1") results.push(countRun({ name: "postgres", report: undefined, status: null }));
else console.warn("skipping the PostgreSQL run (set PANDU_REQUIRE_POSTGRES=1 to make this an error)");

const summary = summarise(results);
console.log("");
for (const line of summary.lines) console.log(line);
process.exit(summary.exitCode);
