import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { assessmentAssignments, assessments, userRoles } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Roles whose holders are assigned to assessments (the assignment row carries the same role). */
const ASSIGNED_ROLES = new Set(["asesor_eksternal", "asesor_internal"]);

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

/**
 * Ends one assignment before its time (the assessor moved, was named by mistake): removes the row and
 * writes `assessment.unassign` in the same transaction. False when there was no such assignment.
 */
export async function endAssignment(
  db: Db,
  ctx: AuditContext,
  input: { assessmentId: number; agencyId: number; userId: number; role: "asesor_eksternal" | "asesor_internal" },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [ended] = await tx
      .delete(assessmentAssignments)
      .where(and(eq(assessmentAssignments.assessmentId, input.assessmentId), eq(assessmentAssignments.userId, input.userId), eq(assessmentAssignments.role, input.role)))
      .returning({ indicatorCodes: assessmentAssignments.indicatorCodes });
    if (!ended) return false;
    await recordAudit(tx, ctx, {
      agencyId: input.agencyId,
      action: "assessment.unassign",
      targetType: "assessment",
      targetId: input.assessmentId,
      before: { userId: input.userId, role: input.role, indicators: ended.indicatorCodes },
      after: { reason: "ended" },
    });
    return true;
  });
}

/**
 * Ends the assignments a role grant carried, inside the transaction that revoked it: an external
 * assessor's on every assessment, an internal assessor's on the assessments of that agency. Does
 * nothing while the user still holds the same role there (another grant row). One
 * `assessment.unassign` audit event per ended assignment, in the assessment agency's trail.
 * Returns how many ended.
 */
export async function endAssignmentsOfRevokedRole(tx: Tx, ctx: AuditContext, grant: { userId: number; role: string; agencyId: number | null }): Promise<number> {
  if (!ASSIGNED_ROLES.has(grant.role)) return 0;
  const sameAgency = grant.agencyId === null ? isNull(userRoles.agencyId) : eq(userRoles.agencyId, grant.agencyId);
  const [still] = await tx.select({ id: userRoles.id }).from(userRoles).where(and(eq(userRoles.userId, grant.userId), eq(userRoles.role, grant.role), sameAgency)).limit(1);
  if (still) return 0;
  const inScope = grant.agencyId === null ? undefined : inArray(assessmentAssignments.assessmentId, tx.select({ id: assessments.id }).from(assessments).where(eq(assessments.agencyId, grant.agencyId)));
  const ended = await tx
    .delete(assessmentAssignments)
    .where(and(eq(assessmentAssignments.userId, grant.userId), eq(assessmentAssignments.role, grant.role), inScope))
    .returning({ assessmentId: assessmentAssignments.assessmentId, indicatorCodes: assessmentAssignments.indicatorCodes });
  if (!ended.length) return 0;
  const agencyOf = new Map(
    (await tx.select({ id: assessments.id, agencyId: assessments.agencyId }).from(assessments).where(inArray(assessments.id, ended.map((e) => e.assessmentId)))).map((r) => [r.id, r.agencyId]),
  );
  // Agency order, so two revocations lock the audit chain heads in the same order.
  for (const e of [...ended].sort((x, y) => agencyOf.get(x.assessmentId)! - agencyOf.get(y.assessmentId)! || x.assessmentId - y.assessmentId)) {
    await recordAudit(tx, ctx, {
      agencyId: agencyOf.get(e.assessmentId)!,
      action: "assessment.unassign",
      targetType: "assessment",
      targetId: e.assessmentId,
      before: { userId: grant.userId, role: grant.role, indicators: e.indicatorCodes },
      after: { reason: "role_revoked" },
    });
  }
  return ended.length;
}
