import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { periods } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";

type Window = { opens: string; closes: string };

/**
 * Sets (or extends) one stage's opening and closing dates in a period's schedule, with the audit
 * event of the old and new window, in one transaction. Returns the new schedule, or null when
 * there is no such period.
 */
export function setStageWindow(db: Db, ctx: AuditContext, input: { periodId: number; stage: string; opens: string; closes: string }): Promise<Record<string, Window> | null> {
  return changeStageWindow(db, ctx, input.periodId, input.stage, { opens: input.opens, closes: input.closes });
}

/**
 * Removes one stage's dates (the stage is then unscheduled: open whenever the assessment is in
 * it), audited like a change. Returns the new schedule, or null when there is no such period.
 */
export function clearStageWindow(db: Db, ctx: AuditContext, input: { periodId: number; stage: string }): Promise<Record<string, Window> | null> {
  return changeStageWindow(db, ctx, input.periodId, input.stage, null);
}

function changeStageWindow(db: Db, ctx: AuditContext, periodId: number, stage: string, window: Window | null) {
  return db.transaction(async (tx) => {
    const [period] = await tx.select({ schedule: periods.schedule, ownerAgencyId: periods.ownerAgencyId }).from(periods).where(eq(periods.id, periodId)).for("update");
    if (!period) return null;
    const before = period.schedule[stage] ?? null;
    const { [stage]: _old, ...others } = period.schedule;
    const schedule = window ? { ...others, [stage]: window } : others;
    await tx.update(periods).set({ schedule }).where(eq(periods.id, periodId));
    // Keyed by the stage: the audit keeps only changed fields, so the stage name must be the key.
    await recordAudit(tx, ctx, { agencyId: period.ownerAgencyId, action: "period.schedule", targetType: "period", targetId: periodId, before: { [stage]: before }, after: { [stage]: window } });
    return schedule;
  });
}

/** One period by id. */
export async function findPeriod(db: Db, id: number) {
  const [row] = await db.select().from(periods).where(eq(periods.id, id));
  return row;
}
