import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { documentJobs, serverInstances, type DocumentJobParams } from "../schema";
import type { AuditContext } from "../audit/record-audit";
import { instanceAlive } from "./server-instances";

export type DocumentJob = typeof documentJobs.$inferSelect;

/** Queues a document job for a user; returns its random public id. */
export async function enqueueDocumentJob(db: Db, input: { params: DocumentJobParams; userId: number; audit: AuditContext; origin: string }): Promise<string> {
  const id = randomBytes(15).toString("base64url");
  await db.insert(documentJobs).values({ id, params: input.params, requestedByUserId: input.userId, audit: input.audit, origin: input.origin });
  return id;
}

/**
 * Claims the oldest queued job for this instance (status running, progress 0), or a running job
 * whose instance is gone (its process died mid-job): `FOR UPDATE SKIP LOCKED`, so two instances
 * claiming at once take different jobs and a job runs once. Undefined when there is nothing to do.
 */
export async function claimDocumentJob(db: Db, instanceId: string): Promise<DocumentJob | undefined> {
  const result = await db.execute(sql`
    update ${documentJobs} set status = 'running', progress = 0, instance_id = ${instanceId}, started_at = now(), error = null
    where id = (
      select j.id from ${documentJobs} j
      where j.status = 'queued'
         or (j.status = 'running' and (j.instance_id is null or not exists (select 1 from ${serverInstances} i where i.id = j.instance_id and ${instanceAlive(sql`i`)})))
      order by j.created_at, j.id
      for update skip locked
      limit 1
    )
    returning id`);
  const id = (result as unknown as { rows: { id: string }[] }).rows[0]?.id;
  if (!id) return undefined;
  const [job] = await db.select().from(documentJobs).where(eq(documentJobs.id, id));
  return job;
}

/** Records the progress of a job this instance runs (0–100). */
export async function setDocumentJobProgress(db: Db, id: string, instanceId: string, progress: number): Promise<void> {
  await db
    .update(documentJobs)
    .set({ progress: Math.max(0, Math.min(99, Math.round(progress))) })
    .where(and(eq(documentJobs.id, id), eq(documentJobs.instanceId, instanceId), eq(documentJobs.status, "running")));
}

/** Ends a job as done with its issued document and bytes. */
export async function finishDocumentJob(db: Db, id: string, instanceId: string, outcome: { documentId: string; fileName: string; pdf: Buffer }): Promise<void> {
  await db
    .update(documentJobs)
    .set({ status: "done", progress: 100, documentId: outcome.documentId, fileName: outcome.fileName, result: outcome.pdf, finishedAt: sql`now()`, instanceId: null })
    .where(and(eq(documentJobs.id, id), eq(documentJobs.instanceId, instanceId), eq(documentJobs.status, "running")));
}

/** Ends a job as failed with an error code (nothing else of it was written: the issue is one transaction). */
export async function failDocumentJob(db: Db, id: string, instanceId: string, error: string): Promise<void> {
  await db
    .update(documentJobs)
    .set({ status: "failed", error, finishedAt: sql`now()`, instanceId: null, result: null })
    .where(and(eq(documentJobs.id, id), eq(documentJobs.instanceId, instanceId), eq(documentJobs.status, "running")));
}

/** Removes finished jobs (and their bytes) older than `days`; the issued documents stay in the register. */
export async function pruneDocumentJobs(db: Db, days: number): Promise<number> {
  const result = await db.execute(sql`delete from ${documentJobs} where status in ('done', 'failed') and finished_at < now() - make_interval(days => ${days}) returning id`);
  return (result as unknown as { rows: unknown[] }).rows.length;
}
