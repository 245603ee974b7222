import type { Db } from "../client";
import { assessmentAssignments } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";

/** Assigns a user to an assessment (replacing the indicator list of an existing assignment). */
export async function assignToAssessment(
  db: Db,
  ctx: AuditContext,
  input: { assessmentId: number; agencyId: number; userId: number; role: "asesor_eksternal" | "asesor_internal"; indicatorCodes: string[] | null },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(assessmentAssignments)
      .values({ assessmentId: input.assessmentId, userId: input.userId, role: input.role, indicatorCodes: input.indicatorCodes })
      .onConflictDoUpdate({ target: [assessmentAssignments.assessmentId, assessmentAssignments.userId, assessmentAssignments.role], set: { indicatorCodes: input.indicatorCodes } });
    await recordAudit(tx, ctx, { agencyId: input.agencyId, action: "assessment.assign", targetType: "assessment", targetId: input.assessmentId, after: { userId: input.userId, role: input.role, indicators: input.indicatorCodes } });
  });
}
