import type { Instrument, InstrumentStatus } from "../core";

/** A failed API call: the server's `{ error, message }`, or `network` / `invalid_response`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export interface PublicResult {
  year: number;
  agencyCode: string;
  agencyName: string;
  category: string;
  provinceCode: string | null;
  provinceName: string | null;
  instrument: string;
  domains: Record<string, number>;
  index: number;
  predicate: string;
  source: string;
}

export interface InstrumentSummary {
  id: string;
  name: string;
  status: InstrumentStatus;
  legalBasis: string | null;
  effectiveFrom: string | null;
  indicatorCount: number;
  levels: { min: number; max: number };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

async function readJson(res: Response): Promise<unknown> {
  try {
    return await res.json();
  } catch {
    return undefined;
  }
}

/** GETs a JSON document; any failure becomes an ApiError (aborts are rethrown as they are). */
export async function getJson(path: string, signal?: AbortSignal): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(path, { headers: { accept: "application/json" }, signal });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new ApiError(0, "network", e instanceof Error ? e.message : String(e));
  }
  const body = await readJson(res);
  if (!res.ok) {
    const code = isRecord(body) && typeof body.error === "string" ? body.error : `http_${res.status}`;
    const message = isRecord(body) && typeof body.message === "string" ? body.message : res.statusText;
    throw new ApiError(res.status, code, message);
  }
  if (body === undefined) throw new ApiError(res.status, "invalid_response", "response is not JSON");
  return body;
}

/** Reads `key` from a JSON object answer and checks it is an array. */
function arrayField<T>(body: unknown, key: string): T[] {
  const v = isRecord(body) ? body[key] : undefined;
  if (!Array.isArray(v)) throw new ApiError(200, "invalid_response", `missing "${key}" array`);
  return v as T[];
}

export const publicResultsCsvUrl = (year: number) => `/api/public/results?year=${year}&format=csv`;

export async function fetchProvinceResults(province: string, signal?: AbortSignal): Promise<PublicResult[]> {
  return arrayField<PublicResult>(await getJson(`/api/public/results?province=${encodeURIComponent(province)}`, signal), "results");
}

export async function fetchInstruments(signal?: AbortSignal): Promise<InstrumentSummary[]> {
  return arrayField<InstrumentSummary>(await getJson("/api/instruments", signal), "instruments");
}

export async function fetchInstrument(id: string, signal?: AbortSignal): Promise<Instrument> {
  const body = await getJson(`/api/instruments/${encodeURIComponent(id)}`, signal);
  if (!isRecord(body) || typeof body.id !== "string" || !Array.isArray(body.tree) || !isRecord(body.levels)) {
    throw new ApiError(200, "invalid_response", "not an instrument");
  }
  return body as unknown as Instrument;
}
