import { carryEvidenceLinks, type EarlierEvidenceLink } from "../../core";
import type { Db } from "../client";
import { answerEvidence, answers } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";

export interface CopyForwardOutcome {
  /** Indicators whose level was written. */
  codes: string[];
  /** Evidence links carried with those levels. */
  carried: EarlierEvidenceLink[];
  /** Links left behind because the document's review is two years old or more. */
  tooOld: EarlierEvidenceLink[];
}

/**
 * Writes copied levels as self-assessment answers for indicators not answered yet (existing
 * answers are never overwritten) and links the earlier evidence of those indicators that is still
 * recent enough (core `carryEvidenceLinks`), in one transaction with one audit event. `levels` and
 * `links` are keyed by this assessment's indicator codes (core `copyForwardLevels`, `linksUnderNewCodes`).
 */
export async function writeCopiedLevels(
  db: Db,
  ctx: AuditContext,
  input: { assessmentId: number; agencyId: number; fromAssessmentId: number; levels: Record<string, number>; links: EarlierEvidenceLink[]; today: string; authorUserId: number | null },
): Promise<CopyForwardOutcome> {
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
    const { carried, tooOld } = carryEvidenceLinks(input.links, codes, input.today);
    if (carried.length) {
      await tx
        .insert(answerEvidence)
        .values(carried.map((l) => ({ assessmentId: input.assessmentId, indicatorCode: l.indicatorCode, evidenceId: l.evidenceId, createdByUserId: input.authorUserId })))
        .onConflictDoNothing();
    }
    await recordAudit(tx, ctx, {
      agencyId: input.agencyId,
      action: "assessment.copy_forward",
      targetType: "assessment",
      targetId: input.assessmentId,
      after: { fromAssessmentId: input.fromAssessmentId, indicators: codes, evidenceLinks: carried.map((l) => [l.indicatorCode, l.evidenceId]) },
    });
    return { codes, carried, tooOld };
  });
}
