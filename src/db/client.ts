import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import * as schema from "./schema";
import { lockDataDir } from "./data-dir-lock";
import { DatabaseTimeoutError, DEFAULT_DATABASE_TIMEOUTS, healthTimeoutMs, isConnectionError, type DatabaseTimeouts } from "./connection-errors";

export type { DatabaseTimeouts } from "./connection-errors";

/** One drizzle type for both drivers; queries are written once against it. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DbKind = "pglite" | "postgres";

export interface Database {
  db: Db;
  kind: DbKind;
  /** Answers when the database does within about 2 s (`healthTimeoutMs`), else rejects (DatabaseTimeoutError). */
  ping(): Promise<void>;
  /**
   * PostgreSQL: one more connection, outside the pool, that the caller keeps open for the life of
   * the process (its backend ends when the process dies; see `server_instances`). Null on PGlite.
   */
  holdConnection(): Promise<HeldConnection | null>;
  /**
   * Runs `fn` under the start-up lock (PostgreSQL: a session-level advisory lock on a dedicated
   * connection, released after), so that of several processes starting together on one database
   * only one seeds at a time. PGlite runs it directly: the data directory lock already makes this
   * process the only one.
   */
  withStartupLock<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface HeldConnection {
  db: Db;
  /** The connection broke (the server restarted, the network dropped it): open another. */
  readonly lost: boolean;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: "postgres"; url: string; poolSize?: number; timeouts?: DatabaseTimeouts }
  | { kind: "pglite"; dataDir: string }
  | { kind: "pglite-memory" };

const here = path.dirname(fileURLToPath(import.meta.url));
// Next to this file in the sources (src/db/migrations); one level up from a build (dist/server/main.js → dist/migrations).
const migrationsFolder = fs.existsSync(path.join(here, "migrations")) ? path.join(here, "migrations") : path.join(here, "../migrations");

// int8 (count(*), sums) arrives as a string from pg but as a number from PGlite; align on number.
pg.types.setTypeParser(20, (v) => Number(v));

/** The folder of SQL migrations the code applies (drizzle-kit's journal in `meta/`). */
export const MIGRATIONS_FOLDER = migrationsFolder;

const readRetry = new AsyncLocalStorage<true>();

/**
 * The advisory lock key of start-up work (migrations, first seed): one constant for every Pandu
 * process on a database ("pandu" in ASCII). Periodic jobs need no lock of their own (`job_runs`).
 */
export const STARTUP_LOCK_KEY = 0x70616e6475;

/** Holds the start-up advisory lock on `client` (a dedicated session) while `fn` runs. */
async function underStartupLock<T>(client: pg.Client, fn: () => Promise<T>): Promise<T> {
  await client.query("select pg_advisory_lock($1)", [STARTUP_LOCK_KEY]);
  try {
    return await fn();
  } finally {
    await client.query("select pg_advisory_unlock($1)", [STARTUP_LOCK_KEY]).catch(() => {});
  }
}

/**
 * Runs `fn` with its single statements (outside transactions) sent again once when the connection
 * was lost under them (a PostgreSQL restart, a proxy closing it): for idempotent requests (GET) only,
 * since a write whose connection broke may have been applied.
 */
export function withReadRetry<T>(fn: () => T): T {
  return readRetry.run(true, fn);
}

/** Rejects with DatabaseTimeoutError when `work` has not settled within `ms` (the work itself goes on). */
function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseTimeoutError(ms, what)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** A connection failure at start-up within the connect timeout is reported as that timeout (one clear line). */
const startupFailure = (e: unknown, connectMs: number) =>
  isConnectionError(e) && /timeout/i.test(String((e as Error)?.message)) ? new DatabaseTimeoutError(connectMs, "when connecting") : e;

/**
 * Opens the database, applies pending migrations and returns it with a close function.
 * On PostgreSQL every connection has a connect timeout (also bounding the wait for a free pooled
 * connection), a server-side statement timeout with a client-side read timeout a little longer
 * (a stalled network never answers, so only the client can give up), and an idle-in-transaction
 * timeout. A connection that failed is dropped by the pool and replaced on the next query, so the
 * app recovers without a restart when the database comes back. `migrationsFolder` may name another
 * folder (restore applies the migrations up to a backup's level first).
 */
export async function openDatabase(target: DatabaseTarget, options: { migrationsFolder?: string } = {}): Promise<Database> {
  const migrations = { migrationsFolder: options.migrationsFolder ?? migrationsFolder };
  if (target.kind === "postgres") {
    const timeouts = target.timeouts ?? DEFAULT_DATABASE_TIMEOUTS;
    const connection = { connectionString: target.url, connectionTimeoutMillis: timeouts.connectMs };
    const pool = new pg.Pool({
      ...connection,
      max: target.poolSize ?? 10,
      ...(timeouts.statementMs ? { statement_timeout: timeouts.statementMs, query_timeout: timeouts.statementMs + 2000 } : {}),
      ...(timeouts.idleInTransactionMs ? { idle_in_transaction_session_timeout: timeouts.idleInTransactionMs } : {}),
    });
    const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
    (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      if (typeof args[args.length - 1] === "function" || !readRetry.getStore()) return query(...args);
      return query(...args).catch((e: unknown) => (isConnectionError(e) ? query(...args) : Promise.reject(e)));
    };
    // An idle connection can be cut by the server (restart, failover, a dropped database while the pool
    // shuts down). Without a listener pg re-throws that as an uncaught exception and the process dies;
    // the pool replaces the connection on the next query, so a warning is enough.
    let ending = false;
    pool.on("error", (err: Error & { code?: string }) => {
      if (ending) return;
      process.emitWarning(`PostgreSQL connection lost (${err.code ?? "no code"}): ${err.message}; it will be replaced`, { code: "PANDU_PG_IDLE" });
    });
    try {
      await pool.query("select 1").catch((e: unknown) => Promise.reject(startupFailure(e, timeouts.connectMs)));
      const db = drizzlePg(pool, { schema }) as unknown as Db;
      // Migrations on their own connection, without the statement timeout (a large table may take long),
      // under the start-up lock: processes starting together migrate one after the other (the later
      // ones find nothing left to do) instead of racing to create the same tables.
      const migrator = new pg.Client(connection);
      await migrator.connect().catch((e: unknown) => Promise.reject(startupFailure(e, timeouts.connectMs)));
      try {
        await underStartupLock(migrator, () => migratePg(drizzlePg(migrator), migrations));
      } finally {
        await migrator.end().catch(() => {});
      }
      const pingMs = healthTimeoutMs(timeouts);
      return {
        db,
        kind: "postgres",
        ping: async () => {
          await within(pool.query({ text: "select 1", query_timeout: pingMs } as pg.QueryConfig), pingMs, "the health check");
        },
        holdConnection: async () => {
          const client = new pg.Client({ ...connection, ...(timeouts.statementMs ? { query_timeout: timeouts.statementMs } : {}) });
          let lost = false;
          client.on("error", () => (lost = true));
          client.on("end", () => (lost = true));
          await client.connect();
          return { db: drizzlePg(client, { schema }) as unknown as Db, get lost() { return lost; }, close: () => client.end() };
        },
        withStartupLock: async (fn) => {
          const client = new pg.Client(connection);
          await client.connect();
          try {
            return await underStartupLock(client, fn);
          } finally {
            await client.end().catch(() => {});
          }
        },
        close: () => {
          ending = true;
          return pool.end();
        },
      };
    } catch (e) {
      await pool.end().catch(() => {});
      throw e;
    }
  }
  const release = target.kind === "pglite" ? lockDataDir(target.dataDir) : () => {};
  try {
    const client = target.kind === "pglite" ? await PGlite.create(target.dataDir) : await PGlite.create();
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    await migratePglite(drizzlePglite(client), migrations);
    return {
      db,
      kind: "pglite",
      ping: async () => {
        await client.query("select 1");
      },
      holdConnection: async () => null,
      withStartupLock: (fn) => fn(),
      close: async () => {
        try {
          await client.close();
        } finally {
          release();
        }
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}
