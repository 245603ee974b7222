import type { Instrument } from "../core";
import { api, type ApiResponse } from "./apiTypes";

/** A failed API call: the server's `{ error, message }`, or `network` / `invalid_response`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds from a `Retry-After` header (429 answers), when there was one. */
    readonly retryAfter: number | null = null,
    /** The answer's `details` (e.g. the current answer of a 409 conflict), when there were any. */
    readonly details: unknown = undefined,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** One published result of the open portal (types from the API contract, src/web/apiSchema.d.ts). */
export type PublicResult = Exclude<ApiResponse<"getPublicResults">, string>["results"][number];

/** The layout of one instrument's published results: its top-level nodes and its index family. */
export type ResultInstrument = Exclude<ApiResponse<"getPublicResults">, string>["instruments"][number];

export type InstrumentSummary = ApiResponse<"getInstruments">["instruments"][number];

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

async function readJson(res: Response): Promise<unknown> {
  try {
    return await res.json();
  } catch {
    return undefined;
  }
}

/**
 * The CSRF token of the current session. Every non-GET request sends it as `X-CSRF-Token`; it is
 * taken from any answer that carries a `csrfToken` (sign-in, `/api/me`, password change).
 */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The current CSRF token, for requests sent without `request` (XMLHttpRequest uploads with progress). */
export function currentCsrfToken(): string | null {
  return csrfToken;
}

/** Told when the server answers 401 `unauthenticated`: the session ended or was never there. */
let unauthenticatedListener: (() => void) | null = null;

export function onUnauthenticated(listener: (() => void) | null): void {
  unauthenticatedListener = listener;
}

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

async function send(method: Method, path: string, body: unknown, signal: AbortSignal | undefined): Promise<Response> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  try {
    return await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin", signal });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new ApiError(0, "network", e instanceof Error ? e.message : String(e));
  }
}

/** Fetches the current CSRF token again (after a `csrf_failed`); false when signed out. */
async function renewCsrfToken(): Promise<boolean> {
  const me = await readJson(await send("GET", "/api/session", undefined, undefined));
  if (!isRecord(me) || typeof me.csrfToken !== "string") return false;
  csrfToken = me.csrfToken;
  return true;
}

/**
 * Sends a request and returns its JSON answer (undefined for 204). Failures become an ApiError;
 * aborts are rethrown as they are. A write refused with `csrf_failed` is retried once with a fresh token.
 */
export async function request(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<unknown> {
  let res = await send(method, path, body, signal);
  let json = await readJson(res);
  if (res.status === 403 && isRecord(json) && json.error === "csrf_failed" && (await renewCsrfToken().catch(() => false))) {
    res = await send(method, path, body, signal);
    json = await readJson(res);
  }
  if (isRecord(json) && typeof json.csrfToken === "string") csrfToken = json.csrfToken;
  if (!res.ok) {
    const code = isRecord(json) && typeof json.error === "string" ? json.error : `http_${res.status}`;
    const message = isRecord(json) && typeof json.message === "string" ? json.message : res.statusText;
    const retry = Number(res.headers.get("retry-after"));
    if (res.status === 401 && code === "unauthenticated") unauthenticatedListener?.();
    throw new ApiError(res.status, code, message, Number.isFinite(retry) && retry > 0 ? retry : null, isRecord(json) ? json.details : undefined);
  }
  if (res.status === 204) return undefined;
  if (json === undefined) throw new ApiError(res.status, "invalid_response", "response is not JSON");
  return json;
}

/** GETs a JSON document; any failure becomes an ApiError (aborts are rethrown as they are). */
export function getJson(path: string, signal?: AbortSignal): Promise<unknown> {
  return request("GET", path, undefined, signal);
}

export const publicResultsCsvUrl = (year: number) => `/api/public/results?year=${year}&format=csv`;

/** The published results of one province and its kab/kota, every year, with the layout and index family of each instrument. */
export async function fetchProvinceResults(province: string, signal?: AbortSignal): Promise<{ results: PublicResult[]; instruments: ResultInstrument[] }> {
  const body = await api("get", "/api/public/results", { query: { province }, signal });
  // The route answers CSV text only when asked for format=csv, which this call never does.
  if (typeof body === "string") throw new ApiError(200, "invalid_response", "results are not JSON");
  return { results: body.results, instruments: body.instruments };
}

/** A national evaluation cycle (instruments/official-periods.json): the instrument that year used. */
export type OfficialPeriodSummary = ApiResponse<"getPeriodsOfficial">["periods"][number];

export async function fetchOfficialPeriods(signal?: AbortSignal): Promise<OfficialPeriodSummary[]> {
  return (await api("get", "/api/periods/official", { signal })).periods;
}

export async function fetchInstruments(signal?: AbortSignal): Promise<InstrumentSummary[]> {
  return (await api("get", "/api/instruments", { signal })).instruments;
}

export async function fetchInstrument(id: string, signal?: AbortSignal): Promise<Instrument> {
  return api("get", "/api/instruments/{id}", { path: { id }, signal });
}

/** One problem of an uploaded instrument (400 `instrument_invalid`, `details.problems`). */
export interface InstrumentProblem {
  path: string;
  message: string;
}

/** The problems of a refused instrument upload, or null for any other error. */
export function instrumentProblemsOf(error: unknown): InstrumentProblem[] | null {
  if (!(error instanceof ApiError) || error.code !== "instrument_invalid" || !isRecord(error.details) || !Array.isArray(error.details.problems)) return null;
  return error.details.problems.filter((p): p is InstrumentProblem => isRecord(p) && typeof p.path === "string" && typeof p.message === "string");
}
