import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "../../src/db/client";

/** Which database the suite runs against: PANDU_TEST_DB=pglite (default) or postgres. */
export const TEST_DB_KIND = process.env.PANDU_TEST_DB === "postgres" ? "postgres" : "pglite";

/** Server URL used to create throwaway databases in postgres mode. */
export const TEST_POSTGRES_URL = process.env.PANDU_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function admin(statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

/** Creates an empty PostgreSQL database for one test file; returns its URL and a drop function. */
export async function createPostgresTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `pandu_test_${randomBytes(6).toString("hex")}`;
  await admin(`create database ${name}`);
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

/**
 * A fresh, migrated, empty database for one test file: an in-memory PGlite, or a new PostgreSQL
 * database created for the file and dropped afterwards. Nothing is shared between files.
 */
export async function openTestDatabase(): Promise<Database> {
  if (TEST_DB_KIND === "pglite") return openDatabase({ kind: "pglite-memory" });
  const created = await createPostgresTestDatabase();
  const database = await openDatabase({ kind: "postgres", url: created.url, poolSize: 5 });
  return {
    ...database,
    close: async () => {
      await database.close();
      await created.drop();
    },
  };
}
