import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../client";
import { indicatorUnits, units } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import { lockAssessment } from "../queries/row-locks";

/** A unit that is not one of the agency's. */
export class ForeignUnitError extends Error {}

/**
 * Sets (or, with `unitId: null`, clears) the unit of some indicators of a self-assessment, in one
 * transaction with one audit event; every unit must belong to the assessment's agency.
 */
export async function assignIndicatorUnits(
  db: Db,
  ctx: AuditContext,
  input: { assessmentId: number; agencyId: number; assignments: { indicatorCode: string; unitId: number | null }[]; userId: number | null },
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockAssessment(tx, input.assessmentId); // concurrent changes run in turn (delete + insert raced: 500)
    const wanted = [...new Set(input.assignments.map((a) => a.unitId).filter((u): u is number => u !== null))];
    if (wanted.length) {
      const own = await tx.select({ id: units.id }).from(units).where(and(eq(units.agencyId, input.agencyId), inArray(units.id, wanted)));
      const foreign = wanted.filter((u) => !own.some((o) => o.id === u));
      if (foreign.length) throw new ForeignUnitError(foreign.join(", "));
    }
    const codes = input.assignments.map((a) => a.indicatorCode);
    const before = await tx.select().from(indicatorUnits).where(and(eq(indicatorUnits.assessmentId, input.assessmentId), inArray(indicatorUnits.indicatorCode, codes)));
    await tx.delete(indicatorUnits).where(and(eq(indicatorUnits.assessmentId, input.assessmentId), inArray(indicatorUnits.indicatorCode, codes)));
    const rows = input.assignments.filter((a) => a.unitId !== null).map((a) => ({ assessmentId: input.assessmentId, indicatorCode: a.indicatorCode, unitId: a.unitId!, assignedByUserId: input.userId }));
    if (rows.length) await tx.insert(indicatorUnits).values(rows);
    await recordAudit(tx, ctx, {
      agencyId: input.agencyId,
      action: "assessment.units",
      targetType: "assessment",
      targetId: input.assessmentId,
      before: Object.fromEntries(before.map((b) => [b.indicatorCode, b.unitId])),
      after: Object.fromEntries(input.assignments.map((a) => [a.indicatorCode, a.unitId])),
    });
  });
}

