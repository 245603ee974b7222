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

/** One drizzle type for both drivers; queries are written once against it. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DbKind = "pglite" | "postgres";

export interface Database {
  db: Db;
  kind: DbKind;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: "postgres"; url: string; poolSize?: number }
  | { kind: "pglite"; dataDir: string }
  | { kind: "pglite-memory" };

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

// int8 (count(*), sums) arrives as a string from pg but as a number from PGlite; align on number.
pg.types.setTypeParser(20, (v) => Number(v));

/** The folder of SQL migrations the code applies (drizzle-kit's journal in `meta/`). */
export const MIGRATIONS_FOLDER = migrationsFolder;

/**
 * Opens the database, applies pending migrations and returns it with a close function. `migrationsFolder`
 * may name another folder (restore applies the migrations up to a backup's level first).
 */
export async function openDatabase(target: DatabaseTarget, options: { migrationsFolder?: string } = {}): Promise<Database> {
  const migrations = { migrationsFolder: options.migrationsFolder ?? migrationsFolder };
  if (target.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10 });
    // An idle connection can be cut by the server (restart, failover, a dropped database while the pool
    // shuts down). Without a listener pg re-throws that as an uncaught exception and the process dies;
    // the pool replaces the connection on the next query, so a warning is enough.
    let ending = false;
    pool.on("error", (err: Error & { code?: string }) => {
      if (ending) return;
      process.emitWarning(`PostgreSQL connection lost (${err.code ?? "no code"}): ${err.message}; it will be replaced`, { code: "PANDU_PG_IDLE" });
    });
    try {
      await pool.query("select 1");
      const db = drizzlePg(pool, { schema }) as unknown as Db;
      await migratePg(drizzlePg(pool), migrations);
      return {
        db,
        kind: "postgres",
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
