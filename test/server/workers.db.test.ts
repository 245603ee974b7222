import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresTestDatabase, TEST_DB_KIND } from "../helpers/test-database";
import { spawnServer, waitForHealth, type ServerProcess } from "../helpers/server-process";

interface ReadyLine {
  pid: number;
  worker?: number;
  msg: string;
}

const readyLines = (s: ServerProcess): ReadyLine[] =>
  s
    .output()
    .split("\n")
    .filter((l) => l.includes('"Pandu SPBE ready"'))
    .map((l) => JSON.parse(l) as ReadyLine);

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

// PANDU_WORKERS: several app processes on one port, for PostgreSQL (the embedded database refuses
// it: test/server/process.test.ts). Only meaningful on the PostgreSQL run.
describe.runIf(TEST_DB_KIND === "postgres")("several app processes on PostgreSQL (PANDU_WORKERS)", () => {
  let created: Awaited<ReturnType<typeof createPostgresTestDatabase>>;
  let server: ServerProcess;
  beforeAll(async () => {
    created = await createPostgresTestDatabase();
    server = await spawnServer({ DATABASE_URL: created.url, PANDU_WORKERS: "2", LOG_LEVEL: "info", PANDU_DATA_DIR: undefined });
    await waitForHealth(server, 90_000);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await created?.drop();
  });

  it("the primary prepares the database once, then two workers serve the same port", async () => {
    await expect.poll(() => readyLines(server).length, { timeout: 30_000 }).toBe(2);
    // Seeded once (by the primary), not once per worker.
    expect(server.output().match(/hasil resmi/g)).toHaveLength(1);
    const lines = readyLines(server);
    expect(lines.map((l) => l.worker).sort()).toEqual([1, 2]);
    expect(new Set(lines.map((l) => l.pid)).size).toBe(2);
    const bodies = await Promise.all(Array.from({ length: 20 }, () => fetch(`${server.url}/api/public/results?year=2024&province=15`).then((r) => r.json())));
    for (const b of bodies) expect(b.results).toHaveLength(12);
  });

  it("a worker that dies is replaced in its slot while the other keeps serving; SIGTERM stops them all", async () => {
    const [first] = readyLines(server);
    process.kill(first!.pid, "SIGKILL");
    // A kept-alive connection of the killed worker is reset; a new one reaches the other worker at once.
    await expect.poll(() => fetch(`${server.url}/api/health`).then((r) => r.status, () => 0), { timeout: 2000 }).toBe(200);
    await expect.poll(() => readyLines(server).length, { timeout: 30_000 }).toBe(3);
    const replacement = readyLines(server)[2]!;
    expect(replacement.worker).toBe(first!.worker);
    expect(server.output()).toContain(`pandu: worker ${first!.worker} (PID ${first!.pid}) ended (SIGKILL); starting it again`);
    const pids = readyLines(server).slice(1).map((l) => l.pid);
    expect(await server.stop()).toBe(0);
    expect(pids.filter(alive)).toEqual([]);
  });
});
