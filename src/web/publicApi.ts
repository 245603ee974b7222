import { ApiError, type PublicResult, type ResultInstrument } from "./api";
import { api, type ApiResponse } from "./apiTypes";

/*
 * Client of the open portal API (`/api/public/*`): published results only, no session needed.
 * Types from the API contract (src/web/apiSchema.d.ts).
 */

/** A year with published results and how many instansi were published. */
export type PublicYear = ApiResponse<"getPublicYears">["years"][number];

export type PublicAgency = ApiResponse<"getPublicAgency">;
export type PublicAgencyYear = PublicAgency["history"][number];
export type AgencyCategory = PublicAgency["agency"]["category"];
export const AGENCY_CATEGORIES: readonly AgencyCategory[] = ["kementerian", "lembaga", "provinsi", "kabupaten", "kota"];

export type PublicProvince = ApiResponse<"getPublicProvince">;
export type PublicProvinceRow = PublicProvince["regencies"][number];

/** Download URL of one year's open data as CSV or JSON. */
export const openDataUrl = (year: number, format: "csv" | "json" | "xlsx", locale?: "id") => `/api/public/results?year=${year}&format=${format}${locale ? `&locale=${locale}` : ""}`;

/** The Frictionless Data Package describing the open-data files. */
export const OPEN_DATA_PACKAGE_URL = "/api/public/datapackage.json";

/** The JSON Schema of the JSON download. */
export const OPEN_DATA_SCHEMA_URL = "/api/public/schema/results.json";

export async function fetchPublicYears(signal?: AbortSignal): Promise<PublicYear[]> {
  return (await api("get", "/api/public/years", { signal })).years;
}

/** One year's published results and their instruments; the name search runs on the server ("Kab." matches "Kabupaten"). */
export async function fetchYearResults(
  filter: { year: number; q: string; category: string; province: string },
  signal?: AbortSignal,
): Promise<{ results: PublicResult[]; instruments: ResultInstrument[] }> {
  const query = {
    year: filter.year,
    q: filter.q.trim().length >= 2 ? filter.q.trim() : undefined,
    category: AGENCY_CATEGORIES.find((c) => c === filter.category),
    province: filter.province || undefined,
  };
  const body = await api("get", "/api/public/results", { query, signal });
  // The route answers CSV text only when asked for format=csv, which this call never does.
  if (typeof body === "string") throw new ApiError(200, "invalid_response", "results are not JSON");
  return { results: body.results, instruments: body.instruments };
}

/** The provinces of the agency register (code and region name), for the province filter. */
export async function fetchProvinces(signal?: AbortSignal): Promise<{ code: string; name: string }[]> {
  const rows = (await api("get", "/api/agencies", { query: { category: "provinsi" }, signal })).agencies;
  return rows.map((r) => ({ code: r.code, name: r.regionName ?? r.name })).sort((a, b) => a.name.localeCompare(b.name, "id"));
}

export async function fetchPublicAgency(code: string, signal?: AbortSignal): Promise<PublicAgency> {
  return api("get", "/api/public/agencies/{code}", { path: { code }, signal });
}

export async function fetchPublicProvince(code: string, year: number | null, signal?: AbortSignal): Promise<PublicProvince> {
  return api("get", "/api/public/provinces/{code}", { path: { code }, query: year === null ? {} : { year }, signal });
}
