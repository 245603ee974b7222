import { ApiError, isRecord } from "./api";
import { api, apiUrl, type ApiResponse, type CallOptions, type MethodOf, type SuccessOf } from "./apiTypes";
import type { paths } from "./apiSchema";
import { citizenCsrfToken, setCitizenCsrfToken } from "./citizenApi";

/*
 * Client of online applications (docs/applications.md): the citizen's routes (`/api/citizen/…`,
 * cookie `pandu_citizen`, with the citizen session's own CSRF token — the one store of citizenApi.ts,
 * filled at sign-in or from `GET /api/citizen/me`, kept apart from a staff session's) and the officers' workbench (`/api/agencies/:code/applications…`).
 */

export type ServiceForm = ApiResponse<"getServiceForm">["form"];
export type MyApplications = ApiResponse<"listMyApplications">["applications"];
export type MyApplication = ApiResponse<"getMyApplication">;
export type Queue = ApiResponse<"applicationQueue">;
export type QueueItem = Queue["items"][number];
export type OfficerApplication = ApiResponse<"getAgencyApplication">;
export type BulkResult = ApiResponse<"bulkActOnApplications">["results"][number];
export type CitizenNotifications = ApiResponse<"listCitizenNotifications">;
export type SubmitResult = ApiResponse<"submitApplication">;
export type FileRef = ApiResponse<"attachApplicationFile">;

/** One error of the answers (400 `application_invalid`, `details.errors[]`). */
export interface AnswerErrorItem {
  path: string;
  code: string;
  params?: Record<string, unknown>;
}

/** The answer errors of a refused submission, or null for any other error. */
export function answerErrorsOf(error: unknown): AnswerErrorItem[] | null {
  if (!(error instanceof ApiError) || error.code !== "application_invalid" || !isRecord(error.details) || !Array.isArray(error.details.errors)) return null;
  return error.details.errors.filter((e): e is AnswerErrorItem => isRecord(e) && typeof e.path === "string" && typeof e.code === "string");
}

async function readJson(res: Response): Promise<unknown> {
  try {
    return await res.json();
  } catch {
    return undefined;
  }
}

async function failure(res: Response): Promise<ApiError> {
  const json = await readJson(res);
  const code = isRecord(json) && typeof json.error === "string" ? json.error : `http_${res.status}`;
  const message = isRecord(json) && typeof json.message === "string" ? json.message : res.statusText;
  return new ApiError(res.status, code, message, null, isRecord(json) ? json.details : undefined);
}

async function fetchCitizenCsrf(): Promise<string> {
  const res = await fetch("/api/citizen/me", { headers: { accept: "application/json" }, credentials: "same-origin" });
  if (!res.ok) throw await failure(res);
  const me = await readJson(res);
  if (!isRecord(me) || typeof me.csrfToken !== "string") throw new ApiError(res.status, "invalid_response", "no csrfToken");
  setCitizenCsrfToken(me.csrfToken);
  return me.csrfToken;
}

async function citizenSend(method: string, url: string, body: BodyInit | undefined, json: boolean, signal?: AbortSignal): Promise<Response> {
  const send = async (token: string | null) => {
    const headers: Record<string, string> = { accept: "application/json" };
    if (json && body !== undefined) headers["content-type"] = "application/json";
    if (token) headers["x-csrf-token"] = token;
    try {
      return await fetch(url, { method, headers, body, credentials: "same-origin", signal });
    } catch (e) {
      if (signal?.aborted) throw e;
      throw new ApiError(0, "network", e instanceof Error ? e.message : String(e));
    }
  };
  if (method === "GET") return send(null);
  let res = await send(citizenCsrfToken() ?? (await fetchCitizenCsrf()));
  if (res.status === 403) {
    const copy = await readJson(res.clone());
    if (isRecord(copy) && copy.error === "csrf_failed") res = await send(await fetchCitizenCsrf());
  }
  return res;
}

/** A citizen route called as `api()` calls staff routes, typed by the contract, with the citizen's CSRF token. */
export async function citizenApi<P extends keyof paths, M extends MethodOf<P>>(method: M, path: P, options: CallOptions<NonNullable<paths[P][M]>> = {}): Promise<SuccessOf<NonNullable<paths[P][M]>>> {
  const url = apiUrl(path, options.path ?? undefined, options.query ?? undefined);
  const res = await citizenSend(method.toUpperCase(), url, options.body === undefined ? undefined : JSON.stringify(options.body), true, options.signal);
  if (!res.ok) throw await failure(res);
  if (res.status === 204) return undefined as SuccessOf<NonNullable<paths[P][M]>>;
  const json = await readJson(res);
  if (json === undefined) throw new ApiError(res.status, "invalid_response", "response is not JSON");
  return json as SuccessOf<NonNullable<paths[P][M]>>;
}

/** Whether an error means the citizen must sign in first (401 `citizen_sign_in_required`). */
export const needsCitizenSignIn = (error: unknown) => error instanceof ApiError && error.status === 401;

export async function fetchServiceForm(serviceId: number, signal?: AbortSignal): Promise<ServiceForm> {
  return (await api("get", "/api/public/services/{serviceId}/form", { path: { serviceId }, signal })).form;
}

export async function startApplication(serviceId: number): Promise<string> {
  return (await citizenApi("post", "/api/citizen/applications", { body: { serviceId } })).id;
}

export async function fetchMyApplications(signal?: AbortSignal): Promise<MyApplications> {
  return (await citizenApi("get", "/api/citizen/applications", { signal })).applications;
}

export const fetchMyApplication = (id: string, signal?: AbortSignal) => citizenApi("get", "/api/citizen/applications/{id}", { path: { id }, signal });
export const saveDraft = (id: string, data: Record<string, unknown>) => citizenApi("put", "/api/citizen/applications/{id}/draft", { path: { id }, body: { data } });
export const submitApplication = (id: string, data: Record<string, unknown>) => citizenApi("post", "/api/citizen/applications/{id}/submit", { path: { id }, body: { data } });
export const resubmitApplication = (id: string, data: Record<string, unknown>) => citizenApi("post", "/api/citizen/applications/{id}/resubmit", { path: { id }, body: { data } });
export const withdrawApplication = (id: string) => citizenApi("post", "/api/citizen/applications/{id}/withdraw", { path: { id }, body: {} });
export const productUrl = (id: string) => apiUrl("/api/citizen/applications/{id}/product", { id });
export const fetchCitizenNotifications = (signal?: AbortSignal) => citizenApi("get", "/api/citizen/notifications", { signal });
export const readCitizenNotifications = () => citizenApi("post", "/api/citizen/notifications/read", {});

/** Uploads one attachment of a file field; answers the reference to put in the answers. */
export async function attachFile(id: string, field: string, file: File): Promise<FileRef> {
  const form = new FormData();
  form.append("field", field);
  form.append("file", file, file.name);
  const res = await citizenSend("POST", apiUrl("/api/citizen/applications/{id}/files", { id }), form, false);
  if (!res.ok) throw await failure(res);
  return (await readJson(res)) as FileRef;
}

export interface QueueQuery {
  sla: "" | "on_track" | "due_soon" | "breached" | "paused";
  serviceId: string;
  scope: "role" | "mine" | "all";
}

function queueQuery(f: QueueQuery) {
  return { sla: f.sla || undefined, serviceId: /^\d+$/.test(f.serviceId) ? Number(f.serviceId) : undefined, scope: f.scope };
}

export const fetchQueue = (code: string, filter: QueueQuery, signal?: AbortSignal) => api("get", "/api/agencies/{code}/applications", { path: { code }, query: queueQuery(filter), signal });
export const fetchOfficerApplication = (code: string, id: string, signal?: AbortSignal) => api("get", "/api/agencies/{code}/applications/{id}", { path: { code, id }, signal });
export const actOnApplication = (code: string, id: string, action: string, reason?: string) =>
  api("post", "/api/agencies/{code}/applications/{id}/actions", { path: { code, id }, body: reason ? { action, reason } : { action } });
export const bulkAct = (code: string, action: string, ids: string[], reason?: string) =>
  api("post", "/api/agencies/{code}/applications/bulk", { path: { code }, body: reason ? { action, ids, reason } : { action, ids } });
export const officerFileUrl = (code: string, id: string, fileId: string) => apiUrl("/api/agencies/{code}/applications/{id}/files/{fileId}", { code, id, fileId });
