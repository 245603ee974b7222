import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { evidenceUploads, serverInstances } from "../schema";

/** How often a running instance writes its heartbeat, and after how long without one it counts as dead. */
export const HEARTBEAT_MS = 10_000;
export const INSTANCE_STALE_SECONDS = 30;

/**
 * SQL true when the instance row `i` belongs to a live process: a recent heartbeat and, on
 * PostgreSQL, the connection it holds still open (a killed process's backend ends at once).
 */
export const instanceAlive = (i: SQL): SQL =>
  sql`(${i}.heartbeat_at > now() - make_interval(secs => ${INSTANCE_STALE_SECONDS}) and (${i}.backend_pid is null or exists (select 1 from pg_stat_activity a where a.pid = ${i}.backend_pid and a.backend_start = ${i}.backend_start)))`;

/**
 * Writes this instance's heartbeat (creating its row). Through a held PostgreSQL connection
 * (`withBackend`), it also records that connection's backend, by which other processes see this
 * one die.
 */
export async function beat(db: Db, id: string, withBackend: boolean): Promise<void> {
  const backend = withBackend ? sql`pg_backend_pid(), (select backend_start from pg_stat_activity where pid = pg_backend_pid())` : sql`null, null`;
  await db.execute(sql`insert into ${serverInstances} (id, heartbeat_at, backend_pid, backend_start) values (${id}, now(), ${backend})
    on conflict (id) do update set heartbeat_at = excluded.heartbeat_at, backend_pid = excluded.backend_pid, backend_start = excluded.backend_start`);
}

/**
 * At start-up: forgets the instances that are gone and releases the chunk leases they held (a
 * process killed mid-chunk), so the upload resumes at once. `exclusive`: this process is the only
 * one on the database (PGlite, under the data directory lock), so every earlier instance is gone.
 * Returns how many leases were released.
 */
export async function releaseDeadInstances(db: Db, exclusive: boolean): Promise<number> {
  return db.transaction(async (tx) => {
    if (exclusive) await tx.delete(serverInstances);
    else await tx.execute(sql`delete from ${serverInstances} i where not ${instanceAlive(sql`i`)}`);
    const released = await tx.execute(sql`update ${evidenceUploads} set receiving_until = null, receiving_token = null, receiving_instance = null
      where receiving_instance is not null and not exists (select 1 from ${serverInstances} i where i.id = ${evidenceUploads}.receiving_instance)
      returning id`);
    return (released as unknown as { rows: unknown[] }).rows.length;
  });
}

/** At a graceful stop: the instance's row goes (its requests have finished). */
export async function removeInstance(db: Db, id: string): Promise<void> {
  await db.execute(sql`delete from ${serverInstances} where id = ${id}`);
}
