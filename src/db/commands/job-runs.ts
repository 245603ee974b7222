import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "../client";
import { jobRuns } from "../schema";

/** Rows of earlier periods are kept this long (what ran when, for an operator), then pruned by the claimer. */
const KEEP_RUNS_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Claims the run of `job` for the period starting at `periodStart`: inserts its `job_runs` row,
 * which only the first instance can (primary key job + period). True when this instance runs the
 * job, false when another one already has it. The unique key decides, so no lock is held while the
 * job runs, and an instance that dies mid-run blocks nothing: the next period runs the job again.
 */
export async function claimJobRun(db: Db, job: string, periodStart: Date, instanceId: string): Promise<boolean> {
  const rows = await db.insert(jobRuns).values({ job, periodStart, instanceId }).onConflictDoNothing().returning({ job: jobRuns.job });
  if (!rows.length) return false;
  await db.delete(jobRuns).where(and(eq(jobRuns.job, job), lt(jobRuns.periodStart, new Date(periodStart.getTime() - KEEP_RUNS_MS))));
  return true;
}

/** Marks a claimed run finished. */
export async function finishJobRun(db: Db, job: string, periodStart: Date): Promise<void> {
  await db
    .update(jobRuns)
    .set({ finishedAt: sql`now()` })
    .where(and(eq(jobRuns.job, job), eq(jobRuns.periodStart, periodStart)));
}
