import type { PublicResult } from "../../api";

/** The years with published results, oldest first: the columns of the landing page, the last one ranks the table. */
export function resultYears(results: PublicResult[]): number[] {
  return [...new Set(results.map((r) => r.year))].sort((a, b) => a - b);
}

/** One agency with its published result per year. */
export interface AgencyRow {
  code: string;
  name: string;
  category: string;
  byYear: Map<number, PublicResult>;
}

/** Groups result rows by agency and sorts by the index of `latestYear`, highest first (no result last). */
export function agencyRows(results: PublicResult[], latestYear: number): AgencyRow[] {
  const rows = new Map<string, AgencyRow>();
  for (const r of results) {
    let row = rows.get(r.agencyCode);
    if (!row) {
      row = { code: r.agencyCode, name: r.agencyName, category: r.category, byYear: new Map() };
      rows.set(r.agencyCode, row);
    }
    row.byYear.set(r.year, r);
  }
  const latest = (row: AgencyRow) => row.byYear.get(latestYear)?.index ?? -Infinity;
  return [...rows.values()].sort((a, b) => latest(b) - latest(a) || a.name.localeCompare(b.name, "id"));
}

/**
 * The change of the index between two years, exact to the hundredth; null when either is missing or
 * the two belong to different index families (an SPBE index and a Pemdi index are not comparable).
 */
export function indexChange(row: AgencyRow, from: number, to: number, familyOf: (instrument: string) => string): number | null {
  const a = row.byYear.get(from);
  const b = row.byYear.get(to);
  if (!a || !b || familyOf(a.instrument) !== familyOf(b.instrument)) return null;
  return (Math.round(b.index * 100) - Math.round(a.index * 100)) / 100;
}
