import { api, type ApiResponse } from "./apiTypes";

/** An assessment's interview and visit notes (types from the API contract, src/web/apiSchema.d.ts). */
export type FieldNotes = ApiResponse<"getAssessmentFieldNotes">;
export type FieldNote = FieldNotes["notes"][number];
export type FieldStage = FieldNote["stage"];

/** The fields of an interview or visit note the assessor writes. */
export type FieldNoteDraft = Pick<FieldNote, "heldOn" | "participants" | "place" | "summary" | "observations">;

export async function fetchFieldNotes(id: number, signal?: AbortSignal): Promise<FieldNotes> {
  return api("get", "/api/assessments/{id}/field-notes", { path: { id }, signal });
}

export async function createFieldNote(id: number, input: FieldNoteDraft & { stage: FieldStage }): Promise<FieldNote> {
  return api("post", "/api/assessments/{id}/field-notes", { path: { id }, body: input });
}

/** Changes a note; a stale version answers 409 (conflict). */
export async function updateFieldNote(id: number, noteId: number, input: FieldNoteDraft & { version: number }): Promise<FieldNote> {
  return api("put", "/api/assessments/{id}/field-notes/{noteId}", { path: { id, noteId }, body: input });
}

/** Removes a note written in error; a stale version answers 409 (conflict). */
export async function deleteFieldNote(id: number, noteId: number, version: number): Promise<void> {
  await api("delete", "/api/assessments/{id}/field-notes/{noteId}", { path: { id, noteId }, query: { version } });
}
