import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { periods } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";

/**
 * Sets (or extends) one stage's opening and closing dates in a period's schedule, with the audit
 * event of the old and new window, in one transaction. Returns the new schedule, or null when
 * there is no such period.
 */
export async function setStageWindow(
  db: Db,
  ctx: AuditContext,
  input: { periodId: number; stage: string; opens: string; closes: string },
): Promise<Record<string, { opens: string; closes: string }> | null> {
  return db.transaction(async (tx) => {
    const [period] = await tx.select({ schedule: periods.schedule, ownerAgencyId: periods.ownerAgencyId }).from(periods).where(eq(periods.id, input.periodId)).for("update");
    if (!period) return null;
    const before = period.schedule[input.stage] ?? null;
    const schedule = { ...period.schedule, [input.stage]: { opens: input.opens, closes: input.closes } };
    await tx.update(periods).set({ schedule }).where(eq(periods.id, input.periodId));
    await recordAudit(tx, ctx, {
      agencyId: period.ownerAgencyId,
      action: "period.schedule",
      targetType: "period",
      targetId: input.periodId,
      before: { stage: input.stage, window: before },
      after: { stage: input.stage, window: { opens: input.opens, closes: input.closes } },
    });
    return schedule;
  });
}

/** One period by id. */
export async function findPeriod(db: Db, id: number) {
  const [row] = await db.select().from(periods).where(eq(periods.id, id));
  return row;
}
