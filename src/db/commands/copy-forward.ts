import type { Db } from "../client";
import { answers } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";

/**
 * Writes copied levels as self-assessment answers for indicators not answered yet (existing
 * answers are never overwritten), with one audit event. Returns the codes written.
 */
export async function writeCopiedLevels(
  db: Db,
  ctx: AuditContext,
  input: { assessmentId: number; agencyId: number; fromAssessmentId: number; levels: Record<string, number>; authorUserId: number | null },
): Promise<string[]> {
  return db.transaction(async (tx) => {
    const rows = Object.entries(input.levels).map(([indicatorCode, level]) => ({
      assessmentId: input.assessmentId,
      stage: "mandiri",
      indicatorCode,
      level,
      explanation: null,
      authorUserId: input.authorUserId,
    }));
    const written = rows.length ? await tx.insert(answers).values(rows).onConflictDoNothing().returning({ code: answers.indicatorCode }) : [];
    const codes = written.map((w) => w.code);
    await recordAudit(tx, ctx, { agencyId: input.agencyId, action: "assessment.copy_forward", targetType: "assessment", targetId: input.assessmentId, after: { fromAssessmentId: input.fromAssessmentId, indicators: codes } });
    return codes;
  });
}
