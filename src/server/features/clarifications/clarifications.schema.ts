import { z } from "zod";
import { AnswerParams } from "../assessments/assessment-params.schema";

export { AnswerParams as ClarificationParams };

export const ClarificationSide = z.enum(["agency", "evaluator"]);

export const PostClarificationBody = z.object({
  body: z.string().trim().min(1).max(5000),
  /** A document of the same agency's evidence library. */
  evidenceId: z.number().int().positive().nullable().optional(),
});
export const ClarificationStatusBody = z.object({ status: z.enum(["open", "resolved"]) });

export const ClarificationMessage = z.object({
  id: z.number(),
  side: ClarificationSide,
  body: z.string(),
  authorName: z.string().nullable(),
  evidence: z.object({ id: z.number(), title: z.string() }).nullable(),
  createdAt: z.string(),
});

export const ClarificationThreadResponse = z.object({
  indicatorCode: z.string(),
  /** null while nobody has written on this indicator. */
  status: z.enum(["open", "resolved"]).nullable(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  messages: z.array(ClarificationMessage),
  /** The caller's side when they take part (may post, resolve, reopen); null for readers only. */
  side: ClarificationSide.nullable(),
});

export const ClarificationListResponse = z.object({
  threads: z.array(z.object({ indicatorCode: z.string(), status: z.enum(["open", "resolved"]), messages: z.number(), lastMessageAt: z.string().nullable() })),
  /** The caller takes part in clarifications on this assessment (on at least some indicators). */
  canTakePart: z.boolean(),
});
