import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client";
import { DEFAULT_THROTTLE } from "../../src/db/commands/login-throttle";
import { createSecretBox } from "../../src/lib/secret-box";
import { buildApp } from "../../src/server/app";
import { DEFAULT_SESSION_SETTINGS } from "../../src/server/auth/session-settings";
import { createPostgresTestDatabase, TEST_DB_KIND } from "../helpers/test-database";
import { spawnServer } from "../helpers/server-process";

/**
 * A TCP proxy in front of the real PostgreSQL that can stall (hold every byte, both ways, while
 * keeping the connections open: a database that accepts but never answers) or cut the next
 * connection that sends anything (a connection killed mid-query).
 */
interface Proxy {
  port: number;
  stall(): void;
  resume(): void;
  killNextQuery(): void;
  kills: number;
  close(): Promise<void>;
}

async function startProxy(target: URL): Promise<Proxy> {
  let stalled = false;
  let killNext = false;
  const held: Array<() => void> = [];
  const sockets = new Set<net.Socket>();
  const proxy: Proxy = {
    port: 0,
    kills: 0,
    stall: () => {
      stalled = true;
    },
    resume: () => {
      stalled = false;
      for (const send of held.splice(0)) send();
    },
    killNextQuery: () => {
      killNext = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => {});
      s.on("close", () => {
        sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    const forward = (to: net.Socket) => (chunk: Buffer) => {
      if (stalled) held.push(() => to.write(chunk));
      else to.write(chunk);
    };
    client.on("data", (chunk: Buffer) => {
      if (killNext) {
        killNext = false;
        proxy.kills++;
        client.destroy();
        upstream.destroy();
        return;
      }
      forward(upstream)(chunk);
    });
    upstream.on("data", forward(client));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  proxy.port = (server.address() as net.AddressInfo).port;
  return proxy;
}

// A database that stalls or drops its connections: PostgreSQL only (the embedded database has no
// connection to lose), so these are skipped on the PGlite run.
describe.runIf(TEST_DB_KIND === "postgres")("a stalled or lost PostgreSQL connection", () => {
  let created: Awaited<ReturnType<typeof createPostgresTestDatabase>>;
  let proxy: Proxy;
  let proxiedUrl: string;
  let database: Database;
  let app: FastifyInstance;

  beforeAll(async () => {
    created = await createPostgresTestDatabase();
    proxy = await startProxy(new URL(created.url));
    const url = new URL(created.url);
    url.host = `127.0.0.1:${proxy.port}`;
    proxiedUrl = url.toString();
    // Short timeouts for the test; the defaults are seconds (README).
    database = await openDatabase({ kind: "postgres", url: proxiedUrl, poolSize: 3, timeouts: { connectMs: 500, statementMs: 1000, idleInTransactionMs: 1000 } });
    app = await buildApp({
      context: { database, version: "test", auth: { sessions: DEFAULT_SESSION_SETTINGS, throttle: DEFAULT_THROTTLE }, secretBox: createSecretBox(randomBytes(32)) },
      webDir: null,
    });
    await app.ready();
  }, 60_000);
  afterAll(async () => {
    proxy?.resume();
    await app?.close();
    await database?.close();
    await proxy?.close();
    await created?.drop();
  });

  const health = () => app.inject({ method: "GET", url: "/api/health" });

  it("every connection carries the configured statement and idle-in-transaction timeouts", async () => {
    const result = (await database.db.execute(
      sql`select current_setting('statement_timeout') as s, current_setting('idle_in_transaction_session_timeout') as i`,
    )) as unknown as { rows: { s: string; i: string }[] };
    expect(result.rows[0]).toEqual({ s: "1s", i: "1s" });
  });

  it("health answers 503 naming the database while it stalls, and 200 again once it answers, without a restart", async () => {
    expect((await health()).statusCode).toBe(200);
    proxy.stall();
    const down = await health();
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ status: "unavailable", checks: { database: "down" }, error: "database_unavailable" });
    expect(down.headers["retry-after"]).toBeDefined();
    proxy.resume();
    await expect.poll(async () => (await health()).statusCode, { timeout: 10_000 }).toBe(200);
    expect((await health()).json()).toMatchObject({ status: "ok", db: "postgres", checks: { database: "up" } });
  });

  it("a connection killed under a GET is replaced and the read is sent again once", async () => {
    expect((await health()).statusCode).toBe(200);
    const before = proxy.kills;
    proxy.killNextQuery();
    const res = await health();
    expect(proxy.kills).toBe(before + 1);
    expect(res.statusCode).toBe(200);
  });

  it("a connection killed under a write answers 503 database_unavailable with Retry-After (not 500)", async () => {
    expect((await health()).statusCode).toBe(200);
    const before = proxy.kills;
    proxy.killNextQuery();
    const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { email: "nobody@example.go.id", password: "wrong-password-1" } });
    expect(proxy.kills).toBe(before + 1);
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ error: "database_unavailable" });
    expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
    // And the next request finds a fresh connection.
    expect((await health()).statusCode).toBe(200);
  });

  it("start-up against a database that accepts connections but never answers exits 1 with one clear line", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-stall-"));
    proxy.stall();
    try {
      const s = await spawnServer({ DATABASE_URL: proxiedUrl, DATABASE_CONNECT_TIMEOUT_MS: "500", PANDU_DATA_DIR: dir, PANDU_DEMO: "false" });
      expect(await s.exited()).toBe(1);
      expect(s.output().trim()).toBe(`pandu: the PostgreSQL server of DATABASE_URL ${proxiedUrl.replace(/\/\/[^@/]*@/, "//***@")} did not answer within 500 ms (DATABASE_CONNECT_TIMEOUT_MS)`);
    } finally {
      proxy.resume();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
