import { z } from "zod";

// Apart from assessments.schema so the evidence schemas can use them without an import cycle.
export const AssessmentParams = z.object({ id: z.coerce.number().int().positive() });
export const AnswerParams = AssessmentParams.extend({ code: z.string().min(1).max(20) });
