import { api, type ApiResponse } from "./apiTypes";

/** The threads of an assessment (types from the API contract, src/web/apiSchema.d.ts). */
export type ClarificationList = ApiResponse<"getAssessmentClarifications">;
export type ClarificationSummary = ClarificationList["threads"][number];
export type ClarificationStatus = ClarificationSummary["status"];

/** One indicator's thread; `side` is the reader's side when they take part, null for readers only. */
export type ClarificationThread = ApiResponse<"getAssessmentClarification">;
/** One message of a thread; `evidence` is a document of the agency's library it points to. */
export type ClarificationMessage = ClarificationThread["messages"][number];
export type ClarificationSide = ClarificationMessage["side"];

/** The threads of an assessment (status and message count per indicator). */
export async function fetchClarifications(id: number, signal?: AbortSignal): Promise<ClarificationList> {
  return api("get", "/api/assessments/{id}/clarifications", { path: { id }, signal });
}

export async function fetchClarificationThread(id: number, code: string, signal?: AbortSignal): Promise<ClarificationThread> {
  return api("get", "/api/assessments/{id}/clarifications/{code}", { path: { id, code }, signal });
}

/** Asks or answers; the thread opens (again) and the other side is notified. */
export async function postClarification(id: number, code: string, input: { body: string; evidenceId: number | null }): Promise<ClarificationThread> {
  return api("post", "/api/assessments/{id}/clarifications/{code}/messages", { path: { id, code }, body: input });
}

export async function setClarificationStatus(id: number, code: string, status: ClarificationStatus): Promise<ClarificationThread> {
  return api("patch", "/api/assessments/{id}/clarifications/{code}", { path: { id, code }, body: { status } });
}
