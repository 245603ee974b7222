import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import { answerEvidence, evidenceItemLinks, evidenceItemReviews } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";

/** A piece of evidence of the assessment's agency and an evidence item of an indicator, in the open stage. */
export interface EvidenceItemLink {
  agencyId: number;
  assessmentId: number;
  indicatorCode: string;
  itemCode: string;
  evidenceId: number;
  stage: string;
}

/**
 * Links evidence to an evidence item (`L2-01`) of an indicator, linking it to the indicator first
 * when it is not yet (audited `evidence.link`, as the indicator route does); the item link is audited
 * as `evidence_item.link`. False when it was already linked to the item (nothing is written).
 */
export async function linkEvidenceItem(db: Db, ctx: AuditContext, link: EvidenceItemLink): Promise<boolean> {
  return db.transaction(async (tx) => {
    const parent = await tx
      .insert(answerEvidence)
      .values({ assessmentId: link.assessmentId, indicatorCode: link.indicatorCode, evidenceId: link.evidenceId, stage: link.stage, createdByUserId: ctx.actorUserId })
      .onConflictDoNothing()
      .returning({ evidenceId: answerEvidence.evidenceId });
    if (parent.length) {
      await recordAudit(tx, ctx, { agencyId: link.agencyId, action: "evidence.link", targetType: "evidence", targetId: link.evidenceId, after: { assessmentId: link.assessmentId, indicatorCode: link.indicatorCode, stage: link.stage } });
    }
    const inserted = await tx
      .insert(evidenceItemLinks)
      .values({ assessmentId: link.assessmentId, indicatorCode: link.indicatorCode, evidenceId: link.evidenceId, itemCode: link.itemCode, stage: link.stage, createdByUserId: ctx.actorUserId })
      .onConflictDoNothing()
      .returning({ evidenceId: evidenceItemLinks.evidenceId });
    if (!inserted.length) return false;
    await recordAudit(tx, ctx, { agencyId: link.agencyId, action: "evidence_item.link", targetType: "evidence", targetId: link.evidenceId, after: { assessmentId: link.assessmentId, indicatorCode: link.indicatorCode, itemCode: link.itemCode, stage: link.stage } });
    return true;
  });
}

/**
 * Removes an item link made in the open stage, audited as `evidence_item.unlink` (the evidence stays
 * linked to the indicator). "missing" when there is no such link; "closed_stage" when it was made in
 * an earlier stage, whose record it stays part of.
 */
export async function unlinkEvidenceItem(db: Db, ctx: AuditContext, link: EvidenceItemLink): Promise<{ outcome: "removed" | "missing" } | { outcome: "closed_stage"; stage: string }> {
  return db.transaction(async (tx) => {
    const where = and(
      eq(evidenceItemLinks.assessmentId, link.assessmentId),
      eq(evidenceItemLinks.indicatorCode, link.indicatorCode),
      eq(evidenceItemLinks.itemCode, link.itemCode),
      eq(evidenceItemLinks.evidenceId, link.evidenceId),
    );
    const [current] = await tx.select({ stage: evidenceItemLinks.stage }).from(evidenceItemLinks).where(where).for("update");
    if (!current) return { outcome: "missing" as const };
    if (current.stage !== link.stage) return { outcome: "closed_stage" as const, stage: current.stage };
    await tx.delete(evidenceItemLinks).where(where);
    await recordAudit(tx, ctx, { agencyId: link.agencyId, action: "evidence_item.unlink", targetType: "evidence", targetId: link.evidenceId, before: { assessmentId: link.assessmentId, indicatorCode: link.indicatorCode, itemCode: link.itemCode, stage: current.stage } });
    return { outcome: "removed" as const };
  });
}

/** The assessor's decision on one evidence item, made in the open (external) stage. */
export interface EvidenceItemReviewInput {
  agencyId: number;
  assessmentId: number;
  indicatorCode: string;
  itemCode: string;
  status: "diterima" | "revisi" | "ditolak";
  note: string | null;
  stage: string;
  /** The version the assessor saw: 0 when the item had no decision yet. */
  expectedVersion: number;
}

/**
 * Records the assessor's decision on an evidence item (status, note, who, when, stage), audited as
 * `evidence_item.review` with the previous decision. Optimistic: when the stored version is not the
 * one the assessor saw — another assessor saved in between — nothing is written and the current
 * version is answered as `stale`.
 */
export async function reviewEvidenceItem(db: Db, ctx: AuditContext, input: EvidenceItemReviewInput): Promise<{ outcome: "saved"; version: number } | { outcome: "stale"; version: number }> {
  return db.transaction(async (tx) => {
    const key = and(eq(evidenceItemReviews.assessmentId, input.assessmentId), eq(evidenceItemReviews.indicatorCode, input.indicatorCode), eq(evidenceItemReviews.itemCode, input.itemCode));
    const [current] = await tx.select().from(evidenceItemReviews).where(key).for("update");
    const currentVersion = current?.version ?? 0;
    if (currentVersion !== input.expectedVersion) return { outcome: "stale" as const, version: currentVersion };
    const values = { status: input.status, note: input.note, stage: input.stage, reviewedByUserId: ctx.actorUserId, reviewedAt: new Date() };
    let version: number;
    if (current) {
      const [row] = await tx.update(evidenceItemReviews).set({ ...values, version: current.version + 1 }).where(and(key, eq(evidenceItemReviews.version, current.version))).returning({ version: evidenceItemReviews.version });
      if (!row) return { outcome: "stale" as const, version: currentVersion };
      version = row.version;
    } else {
      const [row] = await tx
        .insert(evidenceItemReviews)
        .values({ assessmentId: input.assessmentId, indicatorCode: input.indicatorCode, itemCode: input.itemCode, ...values, version: 1 })
        .onConflictDoNothing()
        .returning({ version: evidenceItemReviews.version });
      // Another assessor's first decision on the item committed while this one waited.
      if (!row) return { outcome: "stale" as const, version: 1 };
      version = row.version;
    }
    await recordAudit(tx, ctx, {
      agencyId: input.agencyId,
      action: "evidence_item.review",
      targetType: "evidence_item",
      targetId: `${input.assessmentId}:${input.indicatorCode}:${input.itemCode}`,
      before: current ? { indicatorCode: input.indicatorCode, itemCode: input.itemCode, status: current.status, note: current.note, stage: current.stage } : null,
      after: { indicatorCode: input.indicatorCode, itemCode: input.itemCode, status: input.status, note: input.note, stage: input.stage },
    });
    return { outcome: "saved" as const, version };
  });
}
