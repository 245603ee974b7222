// `npm test`: the whole suite, as CI counts it. Builds the web app if needed (browser tests load
// it), runs every test on the embedded PGlite, then runs the database tests (*.db.test.ts) again on
// PostgreSQL, and ends with one line "N passed, N failed" over both runs.
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

function vitest(name, env, filters) {
  const report = path.join(outDir, `${name}.json`);
  fs.rmSync(report, { force: true });
  console.log(`\n=== tests on ${name} ===`);
  const status = run(process.execPath, [path.join(root, "node_modules/vitest/vitest.mjs"), "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...filters, ...extraArgs], env);
  if (!fs.existsSync(report)) return { name, passed: 0, failed: 1, crashed: true, status };
  const r = JSON.parse(fs.readFileSync(report, "utf8"));
  // A file that fails to load counts as a failure even though it reports no tests.
  const brokenFiles = (r.testResults ?? []).filter((f) => f.status === "failed" && (f.assertionResults ?? []).length === 0).length;
  return { name, passed: r.numPassedTests, failed: r.numFailedTests + brokenFiles, crashed: false, status };
}

if (run(process.execPath, [path.join(root, "scripts/ensure-web-build.mjs")]) !== 0) {
  console.log("0 passed, 1 failed");
  process.exit(1);
}
const results = [vitest("pglite", { PANDU_TEST_DB: "pglite" }, [])];
if (await postgresReachable()) results.push(vitest("postgres", { PANDU_TEST_DB: "postgres", PANDU_TEST_POSTGRES_URL: pgUrl }, [".db.test.ts"]));
else if (process.env.PANDU_REQUIRE_POSTGRES === "1") results.push({ name: "postgres", passed: 0, failed: 1, crashed: true });
else console.warn("skipping the PostgreSQL run (set PANDU_REQUIRE_POSTGRES=1 to make this an error)");

let passed = 0;
let failed = 0;
console.log("");
for (const r of results) {
  passed += r.passed;
  failed += r.failed;
  console.log(`${r.name}: ${r.passed} passed, ${r.failed} failed${r.crashed ? " (the run did not complete)" : ""}`);
}
const exitNonZero = results.some((r) => r.crashed || r.failed > 0 || (r.status !== 0 && r.status !== undefined));
console.log(`${passed} passed, ${failed} failed`);
process.exit(exitNonZero || passed === 0 ? 1 : 0);
