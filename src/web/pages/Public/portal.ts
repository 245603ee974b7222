import { OFFICIAL_PREDICATES } from "../../../core/instruments/predicate-names";
import type { PublicResult } from "../../api";

/** How many results fall in each predicate, in the official order. */
export function predicateCounts(rows: { predicate: string }[]): { predicate: string; count: number }[] {
  return OFFICIAL_PREDICATES.map((predicate) => ({ predicate, count: rows.filter((r) => r.predicate === predicate).length }));
}

/** A fixed column, or the code of a top-level node of the year's instrument (D1, A7 …). */
export type SortKey = string;
export type SortDir = "asc" | "desc";

/** Whether a sort key from the address names a column: a fixed one or a node code of `columns`. */
export function isSortKey(key: string | null, columns: readonly { code: string }[]): key is SortKey {
  return key !== null && (["name", "category", "province", "index"].includes(key) || columns.some((c) => c.code === key));
}

/** Sorts a copy of the rows; missing node values go last either way, ties fall back to the name. */
export function sortResults(rows: PublicResult[], key: SortKey, dir: SortDir): PublicResult[] {
  const sign = dir === "asc" ? 1 : -1;
  const byName = (a: PublicResult, b: PublicResult) => a.agencyName.localeCompare(b.agencyName, "id");
  const text = (r: PublicResult) => (key === "name" ? r.agencyName : key === "category" ? r.category : (r.provinceName ?? ""));
  const value = (r: PublicResult) => (key === "index" ? r.index : r.nodes[key]);
  return [...rows].sort((a, b) => {
    if (key === "name" || key === "category" || key === "province") return sign * text(a).localeCompare(text(b), "id") || byName(a, b);
    const va = value(a);
    const vb = value(b);
    if (va === undefined || vb === undefined) return (va === undefined ? 1 : 0) - (vb === undefined ? 1 : 0) || byName(a, b);
    return sign * (va - vb) || byName(a, b);
  });
}
