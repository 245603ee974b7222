import { sql } from "drizzle-orm";
import type { Db } from "../client";

/** Scope of the published results (the national view, the public snapshot, every cockpit). */
export const PUBLISHED_SCOPE = "published";
/** Scope of the public service catalogue (raised by the triggers of migration 0027 on every catalogue write). */
export const SERVICES_SCOPE = "services";
/** Scope of every finalised Pandu result in the country (the cockpit's national aspect averages; migration 0016). */
export const ALL_RESULTS_SCOPE = "results";

type Executor = Pick<Db, "execute">;
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/**
 * The counter of one cache scope (0 before its first write). Read it BEFORE loading the data it
 * guards: data read afterwards is at least as new as the counter, so an entry is never labelled
 * with a newer counter than its data.
 */
export async function generationOf(db: Executor, scope: string): Promise<number> {
  const rows = rowsOf<{ g: number }>(await db.execute(sql`select generation::bigint as g from cache_generations where scope = ${scope}`));
  return Number(rows[0]?.g ?? 0);
}

/**
 * A province (by code) with the ids of its kab/kota and one number that grows whenever anything
 * about them changes (their assessments, answers, evidence, results, targets, the agencies
 * themselves), the published results or any finalised result in the country (the national aspect
 * averages) do: the sum of their counters. Counters only grow and
 * rows are never deleted, so a changed sum means changed data. One statement, because the province
 * cockpit reads it on every request (authorization and the cache check).
 */
export async function provinceFamilyGeneration(db: Executor, provinceCode: string): Promise<{ provinceId: number; childIds: number[]; generation: number } | undefined> {
  const rows = rowsOf<{ id: number; children: number[]; g: number }>(
    await db.execute(sql`select p.id, array(select c.id from agencies c where c.parent_id = p.id order by c.code) as children,
        coalesce((select sum(g.generation) from cache_generations g where g.scope in (${PUBLISHED_SCOPE}, ${ALL_RESULTS_SCOPE})), 0)
        + coalesce((select sum(g.generation) from cache_generations g where g.agency_id = p.id or g.agency_id in (select c.id from agencies c where c.parent_id = p.id)), 0) as g
      from agencies p where p.code = ${provinceCode} and p.category = 'provinsi'`),
  );
  const row = rows[0];
  return row && { provinceId: Number(row.id), childIds: row.children.map(Number), generation: Number(row.g) };
}

/**
 * Marks cached responses of some assessments (and their agencies' cockpits) as changed, inside
 * the caller's transaction. The database triggers of migration 0013 already do this for every
 * table a cached response reads; call this only from a write to a table without such a trigger.
 */
export async function touchAssessments(tx: Executor, assessmentIds: number[]): Promise<void> {
  if (!assessmentIds.length) return;
  await tx.execute(sql`select pandu_touch_assessments(${`{${assessmentIds.map((i) => Math.trunc(i)).join(",")}}`}::int[])`);
}
