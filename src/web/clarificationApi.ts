import { getJson, isRecord, request, ApiError } from "./api";

export type ClarificationSide = "agency" | "evaluator";
export type ClarificationStatus = "open" | "resolved";

/** One message of a thread; `evidence` is a document of the agency's library it points to. */
export interface ClarificationMessage {
  id: number;
  side: ClarificationSide;
  body: string;
  authorName: string | null;
  evidence: { id: number; title: string } | null;
  createdAt: string;
}

/** One indicator's thread; `side` is the reader's side when they take part, null for readers only. */
export interface ClarificationThread {
  indicatorCode: string;
  status: ClarificationStatus | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  messages: ClarificationMessage[];
  side: ClarificationSide | null;
}

export interface ClarificationSummary {
  indicatorCode: string;
  status: ClarificationStatus;
  messages: number;
  lastMessageAt: string | null;
}

export interface ClarificationList {
  threads: ClarificationSummary[];
  canTakePart: boolean;
}

const base = (id: number, code?: string) => `/api/assessments/${id}/clarifications${code === undefined ? "" : `/${encodeURIComponent(code)}`}`;

function asThread(body: unknown): ClarificationThread {
  if (!isRecord(body) || !Array.isArray(body.messages)) throw new ApiError(200, "invalid_response", "not a clarification thread");
  return body as unknown as ClarificationThread;
}

/** The threads of an assessment (status and message count per indicator). */
export async function fetchClarifications(id: number, signal?: AbortSignal): Promise<ClarificationList> {
  const body = await getJson(base(id), signal);
  if (!isRecord(body) || !Array.isArray(body.threads)) throw new ApiError(200, "invalid_response", "not a clarification list");
  return body as unknown as ClarificationList;
}

export async function fetchClarificationThread(id: number, code: string, signal?: AbortSignal): Promise<ClarificationThread> {
  return asThread(await getJson(base(id, code), signal));
}

/** Asks or answers; the thread opens (again) and the other side is notified. */
export async function postClarification(id: number, code: string, input: { body: string; evidenceId: number | null }): Promise<ClarificationThread> {
  return asThread(await request("POST", `${base(id, code)}/messages`, input));
}

export async function setClarificationStatus(id: number, code: string, status: ClarificationStatus): Promise<ClarificationThread> {
  return asThread(await request("PATCH", base(id, code), { status }));
}
