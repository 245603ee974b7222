import type { EffectiveEvidenceItem, EvidenceItemStatus, Stage } from "../../../core";
import type { EvidenceItemLinkRow, EvidenceItemReviewRow } from "../../../db/queries/evidence-items";
import type { EvidenceItemsResponse } from "./evidence-items.schema";

/** The checklist of an indicator's evidence items: the core's statuses, links and decisions, field by field. */
export function presentEvidenceItems(
  assessmentId: number,
  indicatorCode: string,
  items: EffectiveEvidenceItem[],
  links: EvidenceItemLinkRow[],
  reviews: EvidenceItemReviewRow[],
  abilities: { link: boolean; review: boolean },
): EvidenceItemsResponse {
  const reviewOf = new Map(reviews.map((r) => [r.itemCode, r]));
  return {
    assessmentId,
    indicatorCode,
    items: items.map((item) => {
      const r = reviewOf.get(item.code);
      return {
        code: item.code,
        level: item.level,
        portalCode: item.portalCode ?? null,
        text: item.text,
        evidence: links.filter((l) => l.itemCode === item.code).map((l) => ({ id: l.evidenceId, title: l.title, linkedInStage: l.stage as Stage })),
        review: r ? { status: r.status as EvidenceItemStatus, note: r.note, stage: r.stage as Stage, version: r.version, reviewedBy: r.reviewedBy, reviewedAt: r.reviewedAt.toISOString() } : null,
        status: item.status,
        rejectedBy: item.rejectedBy ? { level: item.rejectedBy.level, itemCode: item.rejectedBy.itemCode } : null,
      };
    }),
    abilities,
  };
}
