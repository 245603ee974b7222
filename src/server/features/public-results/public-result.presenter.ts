import type { ResultRow } from "../../../db/queries/official-results";
import type { PublicResult } from "./public-results.schema";

/** A published result as the open-data API shows it; values back in decimal form. */
export function presentPublicResult(r: ResultRow): PublicResult {
  return {
    year: r.year,
    agencyCode: r.agencyCode,
    agencyName: r.agencyName,
    category: r.category,
    provinceCode: r.provinceCode,
    provinceName: r.provinceName,
    instrument: r.instrumentId,
    domains: Object.fromEntries(Object.entries(r.nodeValues).map(([k, v]) => [k, v / 100])),
    index: r.indexHundredths / 100,
    predicate: r.predicate,
    source: r.source,
  };
}

const CSV_COLUMNS = ["year", "agency_code", "agency_name", "category", "province_code", "province_name", "d1", "d2", "d3", "d4", "index", "predicate", "source"];

/** The same rows as CSV with stable column names (decimal point, two decimals). */
export function publicResultsCsv(rows: PublicResult[], stringify: (records: unknown[][]) => string): string {
  const fixed = (v: number | undefined) => (v === undefined ? "" : v.toFixed(2));
  return stringify([
    CSV_COLUMNS,
    ...rows.map((r) => [r.year, r.agencyCode, r.agencyName, r.category, r.provinceCode ?? "", r.provinceName ?? "", fixed(r.domains.D1), fixed(r.domains.D2), fixed(r.domains.D3), fixed(r.domains.D4), fixed(r.index), r.predicate, r.source]),
  ]);
}
