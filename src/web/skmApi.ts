import { ApiError, isRecord } from "./api";
import { api, apiUrl, type ApiBody, type ApiResponse } from "./apiTypes";
import { xhrSend } from "./xhrSend";

/*
 * Client of the SKM surveys (PermenPANRB 14/2017): the agency's surveys (`/api/agencies/:code/surveys`)
 * and the public survey page (`/api/public/surveys/:id`, no session).
 */

export type SurveyList = ApiResponse<"listAgencySurveys">;
export type SurveyDetail = ApiResponse<"getAgencySurvey">;
export type SurveyFields = ApiBody<"createAgencySurvey">;
export type FollowUpFields = ApiBody<"createSurveyFollowUp">;
export type SkmSummary = ApiResponse<"getSkmSummary">;
export type PublicSurvey = ApiResponse<"getPublicSurvey">;
export type SurveyResponse = ApiBody<"submitSurveyResponse">;
export type IkmResultDto = SurveyDetail["result"];

export const fetchSurveys = (code: string, signal?: AbortSignal): Promise<SurveyList> => api("get", "/api/agencies/{code}/surveys", { path: { code }, signal });
export const createSurvey = (code: string, body: SurveyFields): Promise<SurveyDetail> => api("post", "/api/agencies/{code}/surveys", { path: { code }, body });
export const fetchSurvey = (code: string, surveyId: number, signal?: AbortSignal): Promise<SurveyDetail> => api("get", "/api/agencies/{code}/surveys/{surveyId}", { path: { code, surveyId }, signal });
export const openSurvey = (code: string, surveyId: number): Promise<SurveyDetail> => api("post", "/api/agencies/{code}/surveys/{surveyId}/open", { path: { code, surveyId } });
export const closeSurvey = (code: string, surveyId: number): Promise<SurveyDetail> => api("post", "/api/agencies/{code}/surveys/{surveyId}/close", { path: { code, surveyId } });
export const addFollowUp = (code: string, surveyId: number, body: FollowUpFields): Promise<SurveyDetail> => api("post", "/api/agencies/{code}/surveys/{surveyId}/follow-ups", { path: { code, surveyId }, body });
export const updateFollowUp = (code: string, surveyId: number, followUpId: number, body: FollowUpFields): Promise<SurveyDetail> =>
  api("put", "/api/agencies/{code}/surveys/{surveyId}/follow-ups/{followUpId}", { path: { code, surveyId, followUpId }, body });
export const fetchSkmSummary = (code: string, year: number, signal?: AbortSignal): Promise<SkmSummary> => api("get", "/api/agencies/{code}/skm-summary", { path: { code }, query: { year }, signal });

/** The QR code of the survey's public link (optionally for one counter), SVG or PNG. */
export const surveyQrUrl = (code: string, surveyId: number, format: "svg" | "png", loket?: string) => apiUrl("/api/agencies/{code}/surveys/{surveyId}/qr", { code, surveyId }, { format, loket });

/** Imports a CSV or .xlsx of paper responses (all rows or none). */
export async function importResponses(code: string, surveyId: number, file: File): Promise<{ imported: number; respondents: number }> {
  const form = new FormData();
  form.append("file", file, file.name);
  return (await xhrSend("POST", apiUrl("/api/agencies/{code}/surveys/{surveyId}/responses/import", { code, surveyId }), form, {}, () => undefined).done) as { imported: number; respondents: number };
}

export interface SheetProblem {
  row: number;
  column: string | null;
  message: string;
}
export function sheetProblemsOf(error: unknown): SheetProblem[] | null {
  if (!(error instanceof ApiError) || error.code !== "responses_invalid" || !isRecord(error.details) || !Array.isArray(error.details.problems)) return null;
  return error.details.problems as SheetProblem[];
}

export const fetchPublicSurvey = (id: number, signal?: AbortSignal): Promise<PublicSurvey> => api("get", "/api/public/surveys/{id}", { path: { id }, signal });
export const submitSurveyResponse = (id: number, body: SurveyResponse) => api("post", "/api/public/surveys/{id}/responses", { path: { id }, body });

const DEVICE_KEY = "pandu.skm.device";
/** A random id this browser keeps for the duplicate check; the server stores only its hash. */
export function deviceToken(): string {
  let v = localStorage.getItem(DEVICE_KEY);
  if (!v || !/^[A-Za-z0-9_-]{16,128}$/.test(v)) {
    const bytes = new Uint8Array(18);
    crypto.getRandomValues(bytes);
    v = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    localStorage.setItem(DEVICE_KEY, v);
  }
  return v;
}

/** The published SKM report (PDF with kop surat, number and verification QR); the first download issues it. */
export const skmReportUrl = (code: string, surveyId: number) => apiUrl("/api/agencies/{code}/surveys/{surveyId}/report.pdf", { code, surveyId });
/** The same report as open data (JSON, public). */
export const skmReportOpenDataUrl = (surveyId: number) => apiUrl("/api/public/skm/surveys/{id}/report", { id: surveyId });
/** "Simpan sebagai bukti": the report PDF into the agency's evidence library. */
export const saveSkmReportEvidence = (code: string, surveyId: number) => api("post", "/api/agencies/{code}/surveys/{surveyId}/report/evidence", { path: { code, surveyId } });
