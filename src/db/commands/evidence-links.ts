import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import { answerEvidence } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";

/** An indicator answer of an assessment and a piece of evidence of the same agency, in the open stage. */
export interface EvidenceLink {
  agencyId: number;
  assessmentId: number;
  indicatorCode: string;
  evidenceId: number;
  stage: string;
}

/**
 * Links evidence to an indicator of an assessment in the open stage (every stage sees it),
 * audited as `evidence.link`. False when it was already linked (nothing is written).
 */
export async function linkEvidence(db: Db, ctx: AuditContext, link: EvidenceLink): Promise<boolean> {
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(answerEvidence)
      .values({ assessmentId: link.assessmentId, indicatorCode: link.indicatorCode, evidenceId: link.evidenceId, stage: link.stage, createdByUserId: ctx.actorUserId })
      .onConflictDoNothing()
      .returning({ evidenceId: answerEvidence.evidenceId });
    if (!inserted.length) return false;
    await recordAudit(tx, ctx, { agencyId: link.agencyId, action: "evidence.link", targetType: "evidence", targetId: link.evidenceId, after: { assessmentId: link.assessmentId, indicatorCode: link.indicatorCode, stage: link.stage } });
    return true;
  });
}

/**
 * Removes a link made in the open stage, audited as `evidence.unlink`. "missing" when there is no
 * such link; "closed_stage" (with that stage) when it was made in an earlier stage, whose record it
 * stays part of.
 */
export async function unlinkEvidence(db: Db, ctx: AuditContext, link: EvidenceLink): Promise<{ outcome: "removed" | "missing" } | { outcome: "closed_stage"; stage: string }> {
  return db.transaction(async (tx) => {
    const where = and(eq(answerEvidence.assessmentId, link.assessmentId), eq(answerEvidence.indicatorCode, link.indicatorCode), eq(answerEvidence.evidenceId, link.evidenceId));
    const [current] = await tx.select({ stage: answerEvidence.stage }).from(answerEvidence).where(where).for("update");
    if (!current) return { outcome: "missing" as const };
    if (current.stage !== link.stage) return { outcome: "closed_stage" as const, stage: current.stage };
    await tx.delete(answerEvidence).where(where);
    await recordAudit(tx, ctx, { agencyId: link.agencyId, action: "evidence.unlink", targetType: "evidence", targetId: link.evidenceId, before: { assessmentId: link.assessmentId, indicatorCode: link.indicatorCode, stage: current.stage } });
    return { outcome: "removed" as const };
  });
}
