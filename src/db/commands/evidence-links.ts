import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import { answerEvidence } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";

/** An indicator answer of an assessment and a piece of evidence of the same agency. */
export interface EvidenceLink {
  agencyId: number;
  assessmentId: number;
  indicatorCode: string;
  evidenceId: number;
}

/**
 * Links evidence to an indicator of an assessment (every stage sees it), audited as
 * `evidence.link`. False when it was already linked (nothing is written).
 */
export async function linkEvidence(db: Db, ctx: AuditContext, link: EvidenceLink): Promise<boolean> {
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(answerEvidence)
      .values({ assessmentId: link.assessmentId, indicatorCode: link.indicatorCode, evidenceId: link.evidenceId, createdByUserId: ctx.actorUserId })
      .onConflictDoNothing()
      .returning({ evidenceId: answerEvidence.evidenceId });
    if (!inserted.length) return false;
    await recordAudit(tx, ctx, { agencyId: link.agencyId, action: "evidence.link", targetType: "evidence", targetId: link.evidenceId, after: { assessmentId: link.assessmentId, indicatorCode: link.indicatorCode } });
    return true;
  });
}

/** Removes a link, audited as `evidence.unlink`; false when there was no such link. */
export async function unlinkEvidence(db: Db, ctx: AuditContext, link: EvidenceLink): Promise<boolean> {
  return db.transaction(async (tx) => {
    const removed = await tx
      .delete(answerEvidence)
      .where(and(eq(answerEvidence.assessmentId, link.assessmentId), eq(answerEvidence.indicatorCode, link.indicatorCode), eq(answerEvidence.evidenceId, link.evidenceId)))
      .returning({ evidenceId: answerEvidence.evidenceId });
    if (!removed.length) return false;
    await recordAudit(tx, ctx, { agencyId: link.agencyId, action: "evidence.unlink", targetType: "evidence", targetId: link.evidenceId, before: { assessmentId: link.assessmentId, indicatorCode: link.indicatorCode } });
    return true;
  });
}
