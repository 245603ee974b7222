import { OFFICIAL_PREDICATES } from "../core/instruments/predicate-names";
import { api, type ApiBody, type ApiResponse } from "./apiTypes";

/*
 * The province cockpit and the national view. Types from the API contract (src/web/apiSchema.d.ts).
 */

export interface Named {
  code: string;
  name: string;
}

/** `GET /api/cockpit/provinces/:code`. */
export type Cockpit = ApiResponse<"getCockpitProvince">;
export type CockpitAgency = Cockpit["agencies"][number];
/** A mean over `count` values, rounded half-up to two decimals by the server. */
export type Average = Cockpit["averages"]["province"];
export type HeatRow = Cockpit["heatmap"]["rows"][number];
export type ProgressRow = Cockpit["progress"][number];
export type TargetRow = Cockpit["targets"][number];
/** A point of the cockpit trend; `instrument` decides its index family (SPBE or Pemdi series). */
export type TrendPoint = Cockpit["trend"]["series"][number]["points"][number];

/** `GET /api/national`. */
export type National = ApiResponse<"getNational">;
export type NationalAgency = National["agencies"][number];
/** Agency categories, as the catalogues name them under `national.category`. */
export type Category = NationalAgency["category"];
export const CATEGORIES: readonly Category[] = ["kementerian", "lembaga", "provinsi", "kabupaten", "kota"];

/** The national filters as the page keeps them in its URL (empty ones are left out). */
export interface NationalFilters {
  year?: string;
  category?: string;
  province?: string;
  predicate?: string;
}

/** Provinces whose cockpit the signed-in user may open. */
export async function fetchCockpitProvinces(signal?: AbortSignal): Promise<Named[]> {
  return (await api("get", "/api/cockpit/provinces", { signal })).provinces;
}

export async function fetchCockpit(code: string, year: number | null, signal?: AbortSignal): Promise<Cockpit> {
  return api("get", "/api/cockpit/provinces/{code}", { path: { code }, query: year ? { year } : {}, signal });
}

/** Replaces the province's regional targets. */
export async function saveTargets(code: string, targets: ApiBody<"putCockpitProvinceTargets">["targets"]): Promise<void> {
  await api("put", "/api/cockpit/provinces/{code}/targets", { path: { code }, body: { targets } });
}

/**
 * The national view. A year that is not a number is sent as it is (the server refuses it); a category
 * or predicate that is none of the known ones is left out.
 */
export async function fetchNational(filters: NationalFilters, signal?: AbortSignal): Promise<National> {
  const query = {
    year: filters.year ? Number(filters.year) : undefined,
    category: CATEGORIES.find((c) => c === filters.category),
    province: filters.province || undefined,
    predicate: OFFICIAL_PREDICATES.find((p) => p === filters.predicate),
  };
  return api("get", "/api/national", { query, signal });
}

/** All provinces of the register (public), for the national filter. */
export async function fetchProvinces(signal?: AbortSignal): Promise<Named[]> {
  const rows = (await api("get", "/api/agencies", { query: { category: "provinsi" }, signal })).agencies;
  return rows.map((r) => ({ code: r.code, name: r.regionName ?? r.name }));
}
