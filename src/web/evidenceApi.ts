import { api, type ApiBody, type ApiResponse } from "./apiTypes";
import { RESUMABLE_FROM_BYTES, sendResumable, type ResumableTarget } from "./resumableUpload";
import { UploadCancelled, xhrSend } from "./xhrSend";

/** A piece of evidence (bukti dukung) with its latest file (types from the API contract, src/web/apiSchema.d.ts). */
export type EvidenceSummary = EvidenceList["evidence"][number];
export type EvidenceFileType = EvidenceSummary["fileType"];
export type EvidenceDetail = ApiResponse<"getAgencyEvidenceDetail">;
export type EvidenceList = ApiResponse<"getAgencyEvidence">;

/** The metadata typed in the upload form (empty strings clear a value). */
export interface EvidenceFields {
  title: string;
  documentNumber: string;
  documentDate: string;
  reviewDate: string;
}

export type UploadResult = ApiResponse<"postAgencyEvidence">;

const lib = (agency: string) => `/api/agencies/${encodeURIComponent(agency)}/evidence`;

/** Files the browser can show in the sandboxed preview. */
export const PREVIEWABLE: EvidenceFileType[] = ["pdf", "png", "jpeg"];

export const evidenceFileUrl = (agency: string, id: number, opts: { inline?: boolean; version?: number } = {}) => {
  const q = new URLSearchParams();
  if (opts.version) q.set("version", String(opts.version));
  if (opts.inline) q.set("inline", "1");
  const qs = q.toString();
  return `${lib(agency)}/${id}/file${qs ? `?${qs}` : ""}`;
};

export async function fetchEvidenceList(agency: string, query: { q?: string; limit?: number; offset?: number }, signal?: AbortSignal): Promise<EvidenceList> {
  const q = query.q?.trim();
  return api("get", "/api/agencies/{code}/evidence", { path: { code: agency }, query: { ...(q ? { q } : {}), limit: query.limit ?? 50, ...(query.offset ? { offset: query.offset } : {}) }, signal });
}

export async function fetchEvidenceDetail(agency: string, id: number, signal?: AbortSignal): Promise<EvidenceDetail> {
  return api("get", "/api/agencies/{code}/evidence/{id}", { path: { code: agency, id }, signal });
}

/** A running upload: its outcome, and a way to stop it. */
export interface UploadHandle {
  done: Promise<UploadResult>;
  cancel(): void;
}

export { UploadCancelled };

/**
 * Sends fields and a file as multipart/form-data (the text fields first: the server validates them
 * before reading the file), with progress; large files go in resumable chunks instead.
 */
function sendUpload(url: string, target: ResumableTarget, file: File, onProgress: (sent: number, total: number) => void, onRetry?: (waitMs: number | null) => void): UploadHandle {
  if (file.size > RESUMABLE_FROM_BYTES) return sendResumable<UploadResult>(target, file, { onProgress, onRetry });
  const form = new FormData();
  for (const [k, v] of Object.entries(target.fields)) form.append(k, v);
  form.append("file", file, file.name);
  const req = xhrSend("POST", url, form, {}, (sent) => onProgress(sent, file.size));
  const done = req.done.then((json) => {
    onProgress(file.size, file.size);
    return json as UploadResult;
  });
  return { done, cancel: () => req.abort() };
}

/** Only the fields with a value (a new version keeps what is left empty). */
const filled = (f: Partial<EvidenceFields>) => Object.fromEntries(Object.entries(f).filter(([, v]) => typeof v === "string" && v.trim() !== "")) as Record<string, string>;

/** Uploads a new piece of evidence with its metadata. */
export function uploadEvidence(agency: string, fields: EvidenceFields, file: File, onProgress: (sent: number, total: number) => void, onRetry?: (waitMs: number | null) => void): UploadHandle {
  return sendUpload(lib(agency), { agency, fields: filled(fields) }, file, onProgress, onRetry);
}

/** Uploads a new version of a piece of evidence; given fields replace the old values. */
export function uploadEvidenceVersion(agency: string, id: number, fields: Partial<EvidenceFields>, file: File, onProgress: (sent: number, total: number) => void, onRetry?: (waitMs: number | null) => void): UploadHandle {
  return sendUpload(`${lib(agency)}/${id}/versions`, { agency, evidenceId: id, fields: filled(fields) }, file, onProgress, onRetry);
}

/** Links a piece of evidence to an indicator of an assessment; answers the indicator's evidence. */
export async function linkEvidence(assessmentId: number, code: string, evidenceId: number): Promise<EvidenceSummary[]> {
  return (await api("post", "/api/assessments/{id}/answers/{code}/evidence", { path: { id: assessmentId, code }, body: { evidenceId } })).evidence;
}

export async function unlinkEvidence(assessmentId: number, code: string, evidenceId: number): Promise<void> {
  await api("delete", "/api/assessments/{id}/answers/{code}/evidence/{evidenceId}", { path: { id: assessmentId, code, evidenceId } });
}

/** Changes the metadata of a piece of evidence without a new file (empty strings clear a value). */
export async function updateEvidence(agency: string, id: number, fields: EvidenceFields): Promise<EvidenceDetail> {
  const orNull = (v: string) => (v.trim() === "" ? null : v.trim());
  const body = { title: fields.title.trim(), documentNumber: orNull(fields.documentNumber), documentDate: orNull(fields.documentDate), reviewDate: orNull(fields.reviewDate) };
  return api("patch", "/api/agencies/{code}/evidence/{id}", { path: { code: agency, id }, body });
}

/** An indicator's evidence-item checklist and what the caller may do with it. */
export type EvidenceItemChecklist = ApiResponse<"getAssessmentAnswerEvidenceItems">;
/** One numbered evidence item of an indicator (Pemdi `L2-01`) as the workspace shows it. */
export type EvidenceItemView = EvidenceItemChecklist["items"][number];
/** An assessor's decision on an evidence item. */
export type EvidenceItemStatus = NonNullable<EvidenceItemView["status"]>;

export async function fetchEvidenceItems(assessmentId: number, code: string, signal?: AbortSignal): Promise<EvidenceItemChecklist> {
  return api("get", "/api/assessments/{id}/answers/{code}/evidence-items", { path: { id: assessmentId, code }, signal });
}

export async function linkEvidenceItem(assessmentId: number, code: string, itemCode: string, evidenceId: number): Promise<EvidenceItemChecklist> {
  return api("put", "/api/assessments/{id}/answers/{code}/evidence-items/{itemCode}/evidence/{evidenceId}", { path: { id: assessmentId, code, itemCode, evidenceId } });
}

export async function unlinkEvidenceItem(assessmentId: number, code: string, itemCode: string, evidenceId: number): Promise<void> {
  await api("delete", "/api/assessments/{id}/answers/{code}/evidence-items/{itemCode}/evidence/{evidenceId}", { path: { id: assessmentId, code, itemCode, evidenceId } });
}

/** Saves the assessor's decision; `expectedVersion` is the version read (0 for none). 409 `review_changed` when stale. */
export async function reviewEvidenceItem(assessmentId: number, code: string, itemCode: string, body: ApiBody<"putAssessmentAnswerEvidenceItemReview">): Promise<EvidenceItemChecklist> {
  return api("put", "/api/assessments/{id}/answers/{code}/evidence-items/{itemCode}/review", { path: { id: assessmentId, code, itemCode }, body });
}
