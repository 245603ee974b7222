import { arrayField, getJson, request, type ResultInstrument } from "./api";

/** Agency categories, as the catalogues name them under `national.category`. */
export type Category = "kementerian" | "lembaga" | "provinsi" | "kabupaten" | "kota";

export interface Named {
  code: string;
  name: string;
}
/** A mean over `count` values, rounded half-up to two decimals by the server. */
export interface Average {
  count: number;
  index: number | null;
  nodes: Record<string, number | null>;
}

export interface CockpitAgency extends Named {
  category: string;
  rank: number | null;
  result: { year: number; instrument: string; index: number; predicate: string; nodes: Record<string, number> } | null;
  previous: { year: number; index: number } | null;
  change: number | null;
}

export interface HeatRow extends Named {
  period: string;
  year: number;
  stage: string;
  final: boolean;
  index: number | null;
  levels: Record<string, number | null>;
  aspects: Record<string, number | null>;
}

export interface ProgressRow extends Named {
  period: string;
  year: number;
  stage: string;
  total: number;
  filled: number;
  verified: number;
  withEvidence: number;
}

export interface TargetRow {
  year: number;
  target: number;
  source: string;
  actual: number | null;
  gap: number | null;
}

/** A point of the cockpit trend; `instrument` decides its index family (SPBE or Pemdi series). */
export interface TrendPoint {
  year: number;
  instrument: string;
  index: number;
  source: "official" | "pandu";
}

/** `GET /api/cockpit/provinces/:code`. */
export interface Cockpit {
  province: Named;
  year: number;
  years: number[];
  /** The top-level nodes of the year's instrument (the keys of every `nodes`). */
  nodes: Named[];
  instruments: ResultInstrument[];
  agencies: CockpitAgency[];
  averages: { province: Average; national: Record<string, Average> };
  trend: { years: number[]; series: (Named & { points: TrendPoint[] })[]; provinceAverage: { year: number; instrument: string; index: number; count: number }[] };
  heatmap: { instrument: string | null; indicators: Named[]; aspects: Named[]; rows: HeatRow[]; aspectAverages: (Named & { index: number | null; count: number })[];
    /** The same over the newest finalised Pandu result of every agency in the country. */
    nationalAspectAverages: (Named & { index: number | null; count: number })[];
  };
  weakest: (Named & { average: number; count: number })[];
  progress: ProgressRow[];
  targets: TargetRow[];
  abilities: { setTargets: boolean };
}

export interface NationalAgency extends Named {
  category: string;
  provinceCode: string | null;
  provinceName: string | null;
  index: number;
  predicate: string;
  instrument: string;
  nodes: Record<string, number>;
  rank: number;
}

/** `GET /api/national`. */
export interface National {
  year: number;
  years: number[];
  scope: "all" | "assigned";
  filters: { category: string | null; province: string | null; predicate: string | null };
  instruments: ResultInstrument[];
  count: number;
  average: Average;
  categoryAverages: (Average & { category: string })[];
  histogram: { from: number; to: number; count: number }[];
  predicates: { predicate: string; count: number }[];
  top: NationalAgency[];
  bottom: NationalAgency[];
  agencies: NationalAgency[];
}

export interface NationalFilters {
  year?: string;
  category?: string;
  province?: string;
  predicate?: string;
}

/** Provinces whose cockpit the signed-in user may open. */
export async function fetchCockpitProvinces(signal?: AbortSignal): Promise<Named[]> {
  return arrayField<Named>(await getJson("/api/cockpit/provinces", signal), "provinces");
}

export async function fetchCockpit(code: string, year: number | null, signal?: AbortSignal): Promise<Cockpit> {
  return (await getJson(`/api/cockpit/provinces/${encodeURIComponent(code)}${year ? `?year=${year}` : ""}`, signal)) as Cockpit;
}

/** Replaces the province's regional targets. */
export async function saveTargets(code: string, targets: { year: number; target: number; source: string }[]): Promise<void> {
  await request("PUT", `/api/cockpit/provinces/${encodeURIComponent(code)}/targets`, { targets });
}

export async function fetchNational(filters: NationalFilters, signal?: AbortSignal): Promise<National> {
  const q = new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][]).toString();
  return (await getJson(`/api/national${q ? `?${q}` : ""}`, signal)) as National;
}

/** All provinces of the register (public), for the national filter. */
export async function fetchProvinces(signal?: AbortSignal): Promise<Named[]> {
  const rows = arrayField<{ code: string; name: string; regionName?: string | null }>(await getJson("/api/agencies?category=provinsi", signal), "agencies");
  return rows.map((r) => ({ code: r.code, name: r.regionName ?? r.name }));
}
