import { OFFICIAL_PREDICATES } from "../../../core";
import type { PublicResult } from "../../api";

/** The four domains of the 2020 instrument, as keyed in the published results. */
export const DOMAINS = ["D1", "D2", "D3", "D4"] as const;

/** How many results fall in each predicate, in the official order. */
export function predicateCounts(rows: { predicate: string }[]): { predicate: string; count: number }[] {
  return OFFICIAL_PREDICATES.map((predicate) => ({ predicate, count: rows.filter((r) => r.predicate === predicate).length }));
}

export type SortKey = "name" | "category" | "province" | "D1" | "D2" | "D3" | "D4" | "index";
export type SortDir = "asc" | "desc";
export const SORT_KEYS: readonly SortKey[] = ["name", "category", "province", "D1", "D2", "D3", "D4", "index"];

/** Sorts a copy of the rows; missing domain values go last either way, ties fall back to the name. */
export function sortResults(rows: PublicResult[], key: SortKey, dir: SortDir): PublicResult[] {
  const sign = dir === "asc" ? 1 : -1;
  const byName = (a: PublicResult, b: PublicResult) => a.agencyName.localeCompare(b.agencyName, "id");
  const text = (r: PublicResult) => (key === "name" ? r.agencyName : key === "category" ? r.category : (r.provinceName ?? ""));
  const value = (r: PublicResult) => (key === "index" ? r.index : r.domains[key]);
  return [...rows].sort((a, b) => {
    if (key === "name" || key === "category" || key === "province") return sign * text(a).localeCompare(text(b), "id") || byName(a, b);
    const va = value(a);
    const vb = value(b);
    if (va === undefined || vb === undefined) return (va === undefined ? 1 : 0) - (vb === undefined ? 1 : 0) || byName(a, b);
    return sign * (va - vb) || byName(a, b);
  });
}
