import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnServer, waitForHealth, type ServerProcess } from "../helpers/server-process";

// The server as an operator runs it: first start, restart, and the start-up errors that must end
// in one clear line and a non-zero exit.
describe("the server process on the embedded database", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-proc-"));
  let first: ServerProcess;
  beforeAll(async () => {
    first = await spawnServer({ PANDU_DATA_DIR: dataDir, PANDU_DEMO: "true", DATABASE_URL: undefined });
    await waitForHealth(first);
  });
  afterAll(async () => {
    await first.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("seeds demo data on first start, writes the random demo passwords to demo-accounts.txt (0600) and ends with a banner", async () => {
    expect(first.output()).toContain("646 instansi, 1241 hasil resmi");
    const file = path.join(dataDir, "demo-accounts.txt");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const accounts = fs.readFileSync(file, "utf8");
    expect(accounts).toMatch(/administrator\s+admin@demo\.pandu\.local\s+\S{16}/);
    expect(accounts.match(/@demo\.pandu\.local/g)).toHaveLength(11);
    // The passwords stay off the console; the banner says where they are, after the ready line.
    const password = /admin@demo\.pandu\.local\s+(\S{16})/.exec(accounts)![1]!;
    expect(first.output()).not.toContain(password);
    // The banner comes a moment after the ready line (so the asynchronous log lines are out first).
    await expect.poll(() => first.output(), { timeout: 10_000 }).toContain("Kata sandi akun demo / demo passwords");
    const out = first.output();
    // The banner closes the start-up output (LOG_LEVEL=warn here; at info it follows the "ready" line).
    expect(out.trimEnd().split("\n").slice(-3).join("\n")).toContain(`Kata sandi akun demo / demo passwords: ${file}`);
    expect(out).toContain(`siap / ready: http://localhost:${new URL(first.url).port}`);
    expect(out).toContain("koordinator.spbe@demo.pandu.local");
    const res = await fetch(`${first.url}/api/health`);
    expect(await res.json()).toMatchObject({ status: "ok", db: "pglite" });
    // Per-request lines are at debug: none at the default level.
    expect(first.output()).not.toContain("request completed");
  });

  it("refuses a second process on the same data directory, naming the first one's PID", async () => {
    const second = await spawnServer({ PANDU_DATA_DIR: dataDir, DATABASE_URL: undefined });
    expect(await second.exited()).toBe(1);
    expect(second.output().trim()).toBe(
      `pandu: data directory ${dataDir} is in use by another Pandu process (PID ${first.child.pid}); stop it or set PANDU_DATA_DIR to another directory`,
    );
  });

  it("stops gracefully on SIGTERM, releases the lock and restarts without seeding again", async () => {
    expect(await first.stop()).toBe(0);
    expect(fs.existsSync(path.join(dataDir, "pandu.lock"))).toBe(false);
    const again = await spawnServer({ PANDU_DATA_DIR: dataDir, DATABASE_URL: undefined });
    try {
      await waitForHealth(again); // how long it takes is measured by bench/restart.bench.ts (BENCHMARKS.md), not asserted here
      expect(again.output()).not.toContain("hasil resmi");
      expect(again.output()).not.toContain("admin@demo");
      const res = await fetch(`${again.url}/api/public/results?year=2024&province=15`);
      expect((await res.json()).results).toHaveLength(12);
    } finally {
      expect(await again.stop()).toBe(0);
    }
  });
});

describe("start-up errors end with one clear line and exit 1", () => {
  it("a busy port", async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", () => r()));
    const port = (blocker.address() as net.AddressInfo).port;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-port-"));
    try {
      const s = await spawnServer({ PANDU_DATA_DIR: dir, DATABASE_URL: undefined, PANDU_DEMO: "false" }, port);
      expect(await s.exited()).toBe(1);
      expect(s.output()).toContain(`pandu: port ${port} is already in use; stop the other program or set PORT to a free port`);
      expect(s.output()).not.toMatch(/\n\s+at /); // no stack trace
    } finally {
      blocker.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [{ DATABASE_URL: "mysql://localhost/x" }, "pandu: invalid configuration: DATABASE_URL: must start with postgres:// or postgresql://"],
    [{ DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" }, "pandu: cannot reach the PostgreSQL server of DATABASE_URL postgres://***@127.0.0.1:1/none (ECONNREFUSED)"],
    [{ DATABASE_URL: "postgres://postgres@127.0.0.1:5432/pandu_db_that_does_not_exist" }, "pandu: the database named in DATABASE_URL does not exist"],
    [{ PORT: "eighty" }, "pandu: invalid configuration: PORT:"],
    [{ PANDU_WORKERS: "2", DATABASE_URL: undefined }, "pandu: invalid configuration: PANDU_WORKERS: several processes need PostgreSQL (DATABASE_URL)"],
    [{ PANDU_WORKERS: "many" }, "pandu: invalid configuration: PANDU_WORKERS:"],
    [{ PANDU_DATA_DIR: "/proc/pandu-cannot-write-here", DATABASE_URL: undefined }, "pandu: data directory /proc/pandu-cannot-write-here is not writable"],
  ])("%j", async (env, message) => {
    const s = await spawnServer(env);
    expect(await s.exited()).toBe(1);
    expect(s.output()).toContain(message);
    expect(s.output().trim().split("\n")).toHaveLength(1);
  });
});
