import { z } from "zod";
import { AssessmentParams } from "../assessments/assessment-params.schema";

export const FieldNoteParams = AssessmentParams.extend({ noteId: z.coerce.number().int().positive() });
export const FieldStage = z.enum(["interviu", "visitasi"]);

const NoteFields = {
  heldOn: z.iso.date(),
  participants: z.string().trim().min(2).max(2000),
  place: z.string().trim().min(2).max(300),
  summary: z.string().trim().min(2).max(20_000),
  /** Optional observations per indicator code. */
  observations: z.record(z.string().min(1).max(20), z.string().trim().min(1).max(5000)).default({}),
};
export const CreateFieldNoteBody = z.object({ stage: FieldStage, ...NoteFields });
export const UpdateFieldNoteBody = z.object({ version: z.number().int().min(1), ...NoteFields });
/** The version the caller saw (a stale one answers 409 with the current note). */
export const DeleteFieldNoteQuery = z.object({ version: z.coerce.number().int().min(1) });

export const FieldNote = z.object({
  id: z.number(),
  stage: FieldStage,
  heldOn: z.string(),
  participants: z.string(),
  place: z.string(),
  summary: z.string(),
  observations: z.record(z.string(), z.string()),
  authorName: z.string().nullable(),
  version: z.number(),
  updatedAt: z.string(),
});
export const FieldNotesResponse = z.object({
  notes: z.array(FieldNote),
  /** The field stages of this period ([] for a pemantauan period). */
  stages: z.array(FieldStage),
  /** The stage in which the caller may write notes now (open stage, inside its dates), or null. */
  writableStage: FieldStage.nullable(),
});
