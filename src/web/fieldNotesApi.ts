import { getJson, isRecord, request, ApiError } from "./api";

export type FieldStage = "interviu" | "visitasi";

/** The fields of an interview or visit note the assessor writes. */
export interface FieldNoteDraft {
  heldOn: string;
  participants: string;
  place: string;
  summary: string;
  /** Observations per indicator code (kept as they are when the form does not edit them). */
  observations: Record<string, string>;
}

export interface FieldNote extends FieldNoteDraft {
  id: number;
  stage: FieldStage;
  authorName: string | null;
  version: number;
  updatedAt: string;
}

export interface FieldNotes {
  notes: FieldNote[];
  /** The field stages of the period ([] for a monitoring period). */
  stages: FieldStage[];
  /** The stage whose notes the reader may write now, or null. */
  writableStage: FieldStage | null;
}

const base = (id: number) => `/api/assessments/${id}/field-notes`;

export async function fetchFieldNotes(id: number, signal?: AbortSignal): Promise<FieldNotes> {
  const body = await getJson(base(id), signal);
  if (!isRecord(body) || !Array.isArray(body.notes)) throw new ApiError(200, "invalid_response", "not a list of notes");
  return body as unknown as FieldNotes;
}

export async function createFieldNote(id: number, input: FieldNoteDraft & { stage: FieldStage }): Promise<FieldNote> {
  return (await request("POST", base(id), input)) as FieldNote;
}

/** Changes a note; a stale version answers 409 (conflict). */
export async function updateFieldNote(id: number, noteId: number, input: FieldNoteDraft & { version: number }): Promise<FieldNote> {
  return (await request("PUT", `${base(id)}/${noteId}`, input)) as FieldNote;
}

/** Removes a note written in error; a stale version answers 409 (conflict). */
export async function deleteFieldNote(id: number, noteId: number, version: number): Promise<void> {
  await request("DELETE", `${base(id)}/${noteId}?version=${version}`);
}
