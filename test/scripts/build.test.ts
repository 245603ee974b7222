import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnServer, waitForHealth } from "../helpers/server-process";

// The compiled build, run as production runs it: `scripts/build.mjs --out <tmp> --no-web` writes
// <tmp>/dist (server, CLI, chunks, migrations) next to links to the data files and packages the
// compiled code finds at ../../. Only this test builds; the others run the sources (or a fresh dist).
const ROOT = path.resolve(__dirname, "../..");
const out = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-build-"));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

beforeAll(() => {
  for (const f of ["package.json", "instruments", "forms", "workflows", "seed", "node_modules"]) fs.symlinkSync(path.join(ROOT, f), path.join(out, f));
  const r = spawnSync(process.execPath, [path.join(ROOT, "scripts/build.mjs"), "--out", out, "--no-web"], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
}, 180_000);

const cli = (args: string[]) => spawnSync(process.execPath, [path.join(out, "dist/cli/main.js"), ...args], { cwd: out, encoding: "utf8", timeout: 120_000 });

describe("the compiled build (dist/)", () => {
  it("holds the server, the CLI, the migrations and a stamp of the sources", () => {
    for (const f of ["dist/server/main.js", "dist/cli/main.js", "dist/migrations/meta/_journal.json", "dist/build-stamp.json"]) expect(fs.existsSync(path.join(out, f)), f).toBe(true);
    const stamp = JSON.parse(fs.readFileSync(path.join(out, "dist/build-stamp.json"), "utf8")) as { hash: string; web: boolean };
    expect(stamp.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stamp.web).toBe(false);
  });

  it("pandu --version prints the package version; pandu score scores from the bundled instrument", () => {
    const version = cli(["--version"]);
    expect(version.status, version.stderr).toBe(0);
    expect(version.stdout.trim()).toBe((JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version);
    const levels = path.join(out, "levels.json");
    fs.writeFileSync(levels, JSON.stringify(Object.fromEntries(Array.from({ length: 47 }, (_, i) => [String(i + 1), 3]))));
    const score = cli(["score", "--instrument", "permenpanrb-59-2020", "--levels", levels]);
    expect(score.status, score.stderr).toBe(0);
    expect(JSON.parse(score.stdout)).toMatchObject({ index: 3, predicate: "Baik" });
  });

  it("a bad command line fails as from the sources (exit 2, one line)", () => {
    const r = cli(["score", "--instrument", "no-such-instrument", "--levels", "-"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^pandu: /);
  });

  it("the compiled server migrates an empty data directory and answers /api/health", async () => {
    const server = spawnServer({ PANDU_DATA_DIR: path.join(out, "data"), DATABASE_URL: undefined, PANDU_DEMO: "false" }, 0, path.join(out, "dist/server/main.js"));
    try {
      expect(await waitForHealth(server, 170_000)).toMatchObject({ status: "ok", db: "pglite", checks: { database: "up" } });
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 180_000);
});
