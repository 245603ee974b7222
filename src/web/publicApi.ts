import { arrayField, getJson, type PublicResult, type ResultInstrument } from "./api";

/*
 * Client of the open portal API (`/api/public/*`): published results only, no session needed.
 */

export type AgencyCategory = "kementerian" | "lembaga" | "provinsi" | "kabupaten" | "kota";
export const AGENCY_CATEGORIES: readonly AgencyCategory[] = ["kementerian", "lembaga", "provinsi", "kabupaten", "kota"];

/** A year with published results and how many instansi were published. */
export interface PublicYear {
  year: number;
  count: number;
}

export interface PublicAgencyYear {
  year: number;
  instrument: string;
  nodes: Record<string, number>;
  index: number;
  predicate: string;
  source: string;
  rank: number | null;
  rankOf: number | null;
}

export interface PublicAgency {
  agency: { code: string; name: string; category: AgencyCategory; regionName: string | null; province: { code: string; name: string } | null };
  history: PublicAgencyYear[];
  instruments: ResultInstrument[];
}

export interface PublicProvinceRow extends PublicResult {
  previousIndex: number | null;
  change: number | null;
  rank: number | null;
}

export interface PublicProvince {
  province: { code: string; name: string; regionName: string | null };
  years: number[];
  year: number | null;
  previousYear: number | null;
  provinceResult: PublicProvinceRow | null;
  regencies: PublicProvinceRow[];
  instruments: ResultInstrument[];
}

/** Download URL of one year's open data as CSV or JSON. */
export const openDataUrl = (year: number, format: "csv" | "json" | "xlsx", locale?: "id") => `/api/public/results?year=${year}&format=${format}${locale ? `&locale=${locale}` : ""}`;

/** The Frictionless Data Package describing the open-data files. */
export const OPEN_DATA_PACKAGE_URL = "/api/public/datapackage.json";

/** The JSON Schema of the JSON download. */
export const OPEN_DATA_SCHEMA_URL = "/api/public/schema/results.json";

export async function fetchPublicYears(signal?: AbortSignal): Promise<PublicYear[]> {
  return arrayField<PublicYear>(await getJson("/api/public/years", signal), "years");
}

/** One year's published results and their instruments; the name search runs on the server ("Kab." matches "Kabupaten"). */
export async function fetchYearResults(
  filter: { year: number; q: string; category: string; province: string },
  signal?: AbortSignal,
): Promise<{ results: PublicResult[]; instruments: ResultInstrument[] }> {
  const params = new URLSearchParams({ year: String(filter.year) });
  if (filter.q.trim().length >= 2) params.set("q", filter.q.trim());
  if (filter.category) params.set("category", filter.category);
  if (filter.province) params.set("province", filter.province);
  const body = await getJson(`/api/public/results?${params.toString()}`, signal);
  return { results: arrayField<PublicResult>(body, "results"), instruments: arrayField<ResultInstrument>(body, "instruments") };
}

/** The provinces of the agency register (code and region name), for the province filter. */
export async function fetchProvinces(signal?: AbortSignal): Promise<{ code: string; name: string }[]> {
  const rows = arrayField<{ code: string; name: string; regionName: string | null }>(await getJson("/api/agencies?category=provinsi", signal), "agencies");
  return rows.map((r) => ({ code: r.code, name: r.regionName ?? r.name })).sort((a, b) => a.name.localeCompare(b.name, "id"));
}

export async function fetchPublicAgency(code: string, signal?: AbortSignal): Promise<PublicAgency> {
  return (await getJson(`/api/public/agencies/${encodeURIComponent(code)}`, signal)) as PublicAgency;
}

export async function fetchPublicProvince(code: string, year: number | null, signal?: AbortSignal): Promise<PublicProvince> {
  const query = year === null ? "" : `?year=${year}`;
  return (await getJson(`/api/public/provinces/${encodeURIComponent(code)}${query}`, signal)) as PublicProvince;
}
