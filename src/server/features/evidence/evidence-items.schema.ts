import { z } from "zod";
import { EVIDENCE_ITEM_STATUSES, STAGES } from "../../../core";
import { AnswerParams } from "../assessments/assessment-params.schema";

const Id = z.coerce.number().int().positive().max(2_147_483_647);

/** An indicator's evidence item: `/api/assessments/:id/answers/:code/evidence-items/:itemCode`. */
export const EvidenceItemParams = AnswerParams.extend({ itemCode: z.string().min(1).max(20) });
export const EvidenceItemLinkParams = EvidenceItemParams.extend({ evidenceId: Id });

/** The assessor's decision; `expectedVersion` is the item's `review.version` as read (0: none yet). */
export const EvidenceItemReviewBody = z.object({
  status: z.enum(EVIDENCE_ITEM_STATUSES),
  note: z.string().trim().max(2000).optional(),
  expectedVersion: z.number().int().min(0).max(2_147_483_647),
});

const Status = z.enum(EVIDENCE_ITEM_STATUSES);

export const EvidenceItemView = z.object({
  code: z.string(),
  level: z.number(),
  portalCode: z.string().nullable(),
  text: z.string(),
  /** Evidence linked to this item. */
  evidence: z.array(z.object({ id: z.number(), title: z.string(), linkedInStage: z.enum(STAGES) })),
  /** The assessor's own decision, or null. */
  review: z
    .object({ status: Status, note: z.string().nullable(), stage: z.enum(STAGES), version: z.number(), reviewedBy: z.string().nullable(), reviewedAt: z.string() })
    .nullable(),
  /** The status in force: `ditolak` when a lower level was rejected (`rejectedBy`), else the assessor's. */
  status: Status.nullable(),
  rejectedBy: z.object({ level: z.number(), itemCode: z.string() }).nullable(),
});

export const EvidenceItemsResponse = z.object({
  assessmentId: z.number(),
  indicatorCode: z.string(),
  items: z.array(EvidenceItemView),
  /** What the caller may do now: link evidence to items, decide on items. */
  abilities: z.object({ link: z.boolean(), review: z.boolean() }),
});
export type EvidenceItemsResponse = z.infer<typeof EvidenceItemsResponse>;
