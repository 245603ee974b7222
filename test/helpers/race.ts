import { eq, sql } from "drizzle-orm";
import type { Database } from "../../src/db/client";
import { auditChains } from "../../src/db/schema";
import { GENESIS_HASH } from "../../src/db/audit/audit-hash";
import { TEST_DB_KIND } from "./test-database";

/**
 * Runs concurrent requests so that their transactions overlap, the way two users racing on a busy
 * server do. On PostgreSQL a barrier holds the head of audit chain `chain` FOR UPDATE — every
 * audited write locks it just before it commits — starts the requests, waits (no sleep: it polls
 * pg_stat_activity) until `waiting` transactions of this database are blocked on a lock, and only
 * then lets them go: each has done its reads and writes before any commits. On PGlite (one
 * connection) the requests simply run together and serialize.
 */
export async function overlapping<T>(database: Database, chain: string, requests: (() => Promise<T>)[], waiting = requests.length): Promise<T[]> {
  if (TEST_DB_KIND === "pglite") return Promise.all(requests.map((r) => r()));
  const db = database.db;
  await db.insert(auditChains).values({ chain, lastSeq: 0, lastHash: GENESIS_HASH }).onConflictDoNothing();
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let locked!: () => void;
  const isLocked = new Promise<void>((r) => (locked = r));
  const holder = db.transaction(async (tx) => {
    await tx.select().from(auditChains).where(eq(auditChains.chain, chain)).for("update");
    locked();
    await released;
  });
  await isLocked;
  let settled = 0;
  const running = requests.map((r) => r().finally(() => settled++));
  try {
    for (let polls = 0; settled === 0; polls++) {
      const result = (await db.execute(sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`)) as unknown as { rows: { n: number }[] };
      if (result.rows[0]!.n >= waiting) break;
      if (polls > 50_000) throw new Error(`the requests never met at the barrier (${waiting} expected to wait)`);
    }
  } finally {
    release();
    await holder;
  }
  return Promise.all(running);
}
