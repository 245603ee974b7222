import type { StageName } from "./assessmentApi";
import { arrayField, getJson, isRecord, request } from "./api";
import { RESUMABLE_FROM_BYTES, sendResumable, type ResumableTarget } from "./resumableUpload";
import { UploadCancelled, xhrSend } from "./xhrSend";

export type EvidenceFileType = "pdf" | "png" | "jpeg" | "docx" | "xlsx" | "pptx" | "mp4";

/** A piece of evidence (bukti dukung) with its latest file. */
export interface EvidenceSummary {
  id: number;
  title: string;
  documentNumber: string | null;
  documentDate: string | null;
  reviewDate: string | null;
  /** The review date is two years old or more (level 4 wants a younger review). */
  tooOld: boolean;
  fileName: string;
  fileType: EvidenceFileType;
  contentType: string;
  size: number;
  sha256: string;
  versionCount: number;
  linkCount: number;
  /** Evidence linked to an indicator: the stage the link was made in (removable only while that stage is open). */
  linkedInStage?: StageName;
  createdAt: string;
  updatedAt: string;
}

export interface EvidenceDetail extends EvidenceSummary {
  versions: { version: number; fileName: string; fileType: EvidenceFileType; size: number; uploadedBy: string | null; uploadedAt: string }[];
  links: { assessmentId: number; indicatorCode: string; periodName: string; periodYear: number; linkedAt: string }[];
}

export interface EvidenceList {
  evidence: EvidenceSummary[];
  total: number;
  abilities: { upload: boolean };
}

/** The metadata typed in the upload form (empty strings clear a value). */
export interface EvidenceFields {
  title: string;
  documentNumber: string;
  documentDate: string;
  reviewDate: string;
}

export type UploadResult = EvidenceDetail & { deduplicated: boolean };

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
  const p = new URLSearchParams();
  if (query.q?.trim()) p.set("q", query.q.trim());
  p.set("limit", String(query.limit ?? 50));
  if (query.offset) p.set("offset", String(query.offset));
  const body = await getJson(`${lib(agency)}?${p.toString()}`, signal);
  const evidence = arrayField<EvidenceSummary>(body, "evidence");
  const b = body as Record<string, unknown>;
  return { evidence, total: typeof b.total === "number" ? b.total : evidence.length, abilities: isRecord(b.abilities) ? (b.abilities as { upload: boolean }) : { upload: false } };
}

export async function fetchEvidenceDetail(agency: string, id: number, signal?: AbortSignal): Promise<EvidenceDetail> {
  return (await getJson(`${lib(agency)}/${id}`, signal)) as EvidenceDetail;
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
  const body = await request("POST", `/api/assessments/${assessmentId}/answers/${encodeURIComponent(code)}/evidence`, { evidenceId });
  return arrayField<EvidenceSummary>(body, "evidence");
}

export async function unlinkEvidence(assessmentId: number, code: string, evidenceId: number): Promise<void> {
  await request("DELETE", `/api/assessments/${assessmentId}/answers/${encodeURIComponent(code)}/evidence/${evidenceId}`);
}

/** Changes the metadata of a piece of evidence without a new file (empty strings clear a value). */
export async function updateEvidence(agency: string, id: number, fields: EvidenceFields): Promise<EvidenceDetail> {
  const orNull = (v: string) => (v.trim() === "" ? null : v.trim());
  const body = { title: fields.title.trim(), documentNumber: orNull(fields.documentNumber), documentDate: orNull(fields.documentDate), reviewDate: orNull(fields.reviewDate) };
  return (await request("PATCH", `${lib(agency)}/${id}`, body)) as EvidenceDetail;
}

/** An assessor's decision on an evidence item. */
export type EvidenceItemStatus = "diterima" | "revisi" | "ditolak";

/** One numbered evidence item of an indicator (Pemdi `L2-01`) as the workspace shows it. */
export interface EvidenceItemView {
  code: string;
  level: number;
  portalCode: string | null;
  text: string;
  evidence: { id: number; title: string; linkedInStage: StageName }[];
  review: { status: EvidenceItemStatus; note: string | null; stage: StageName; version: number; reviewedBy: string | null; reviewedAt: string } | null;
  /** The status in force: `ditolak` with `rejectedBy` when a lower level was rejected. */
  status: EvidenceItemStatus | null;
  rejectedBy: { level: number; itemCode: string } | null;
}

/** An indicator's evidence-item checklist and what the caller may do with it. */
export interface EvidenceItemChecklist {
  items: EvidenceItemView[];
  abilities: { link: boolean; review: boolean };
}

const itemsPath = (assessmentId: number, code: string) => `/api/assessments/${assessmentId}/answers/${encodeURIComponent(code)}/evidence-items`;

function asChecklist(body: unknown): EvidenceItemChecklist {
  const abilities = isRecord(body) && isRecord(body.abilities) ? (body.abilities as EvidenceItemChecklist["abilities"]) : { link: false, review: false };
  return { items: arrayField<EvidenceItemView>(body, "items"), abilities };
}

export async function fetchEvidenceItems(assessmentId: number, code: string, signal?: AbortSignal): Promise<EvidenceItemChecklist> {
  return asChecklist(await getJson(itemsPath(assessmentId, code), signal));
}

export async function linkEvidenceItem(assessmentId: number, code: string, itemCode: string, evidenceId: number): Promise<EvidenceItemChecklist> {
  return asChecklist(await request("PUT", `${itemsPath(assessmentId, code)}/${encodeURIComponent(itemCode)}/evidence/${evidenceId}`));
}

export async function unlinkEvidenceItem(assessmentId: number, code: string, itemCode: string, evidenceId: number): Promise<void> {
  await request("DELETE", `${itemsPath(assessmentId, code)}/${encodeURIComponent(itemCode)}/evidence/${evidenceId}`);
}

/** Saves the assessor's decision; `expectedVersion` is the version read (0 for none). 409 `review_changed` when stale. */
export async function reviewEvidenceItem(assessmentId: number, code: string, itemCode: string, body: { status: EvidenceItemStatus; note?: string; expectedVersion: number }): Promise<EvidenceItemChecklist> {
  return asChecklist(await request("PUT", `${itemsPath(assessmentId, code)}/${encodeURIComponent(itemCode)}/review`, body));
}
