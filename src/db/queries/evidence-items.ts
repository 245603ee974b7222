import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { evidence, evidenceItemLinks, evidenceItemReviews, users } from "../schema";

/** A piece of evidence linked to an evidence item, with its title and the stage of the link. */
export interface EvidenceItemLinkRow {
  itemCode: string;
  evidenceId: number;
  title: string;
  stage: string;
}

/** An assessor's decision on an evidence item, with the reviewer's name. */
export interface EvidenceItemReviewRow {
  itemCode: string;
  status: string;
  note: string | null;
  stage: string;
  version: number;
  reviewedBy: string | null;
  reviewedAt: Date;
}

/** The evidence linked to the items of one indicator of an assessment, oldest link first. */
export async function evidenceItemLinksOf(db: Db, assessmentId: number, indicatorCode: string): Promise<EvidenceItemLinkRow[]> {
  return db
    .select({ itemCode: evidenceItemLinks.itemCode, evidenceId: evidenceItemLinks.evidenceId, title: evidence.title, stage: evidenceItemLinks.stage })
    .from(evidenceItemLinks)
    .innerJoin(evidence, eq(evidence.id, evidenceItemLinks.evidenceId))
    .where(and(eq(evidenceItemLinks.assessmentId, assessmentId), eq(evidenceItemLinks.indicatorCode, indicatorCode)))
    .orderBy(asc(evidenceItemLinks.createdAt), asc(evidenceItemLinks.evidenceId));
}

/** The assessor's decisions on the items of one indicator of an assessment. */
export async function evidenceItemReviewsOf(db: Db, assessmentId: number, indicatorCode: string): Promise<EvidenceItemReviewRow[]> {
  return db
    .select({
      itemCode: evidenceItemReviews.itemCode,
      status: evidenceItemReviews.status,
      note: evidenceItemReviews.note,
      stage: evidenceItemReviews.stage,
      version: evidenceItemReviews.version,
      reviewedBy: users.name,
      reviewedAt: evidenceItemReviews.reviewedAt,
    })
    .from(evidenceItemReviews)
    .leftJoin(users, eq(users.id, evidenceItemReviews.reviewedByUserId))
    .where(and(eq(evidenceItemReviews.assessmentId, assessmentId), eq(evidenceItemReviews.indicatorCode, indicatorCode)));
}
