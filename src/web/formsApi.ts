import { ApiError, isRecord } from "./api";
import { api, type ApiResponse } from "./apiTypes";

/*
 * Client of an agency's application forms (docs/forms.md "The form builder"): every version, a new
 * draft version (upload), saving a draft in place (the builder), publishing. Refusals of a definition
 * come back as 400 `form_invalid` with every problem and its path.
 */

export type AgencyFormVersion = ApiResponse<"listAgencyForms">["forms"][number];

/** One problem of a refused definition (`details.problems[]`). */
export interface FormProblemItem {
  path: string;
  code: string;
}

export const fetchAgencyForms = async (code: string, signal?: AbortSignal) => (await api("get", "/api/agencies/{code}/forms", { path: { code }, signal })).forms;
export const uploadFormDraft = (code: string, definition: unknown) => api("post", "/api/agencies/{code}/forms", { path: { code }, body: { definition } });
export const saveFormDraft = (code: string, formVersionId: number, definition: unknown) => api("put", "/api/agencies/{code}/forms/{formVersionId}", { path: { code, formVersionId }, body: { definition } });
export const publishForm = (code: string, formVersionId: number) => api("post", "/api/agencies/{code}/forms/{formVersionId}/publish", { path: { code, formVersionId } });
export const deleteFormDraft = (code: string, formVersionId: number) => api("delete", "/api/agencies/{code}/forms/{formVersionId}", { path: { code, formVersionId } });

/** The problems of a refused definition, or null for any other error. */
export function formProblemsOf(error: unknown): FormProblemItem[] | null {
  if (!(error instanceof ApiError) || error.code !== "form_invalid" || !isRecord(error.details) || !Array.isArray(error.details.problems)) return null;
  return error.details.problems.filter((p): p is FormProblemItem => isRecord(p) && typeof p.path === "string" && typeof p.code === "string");
}
