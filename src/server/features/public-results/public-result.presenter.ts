import type { AgencyRow } from "../../../db/queries/agencies";
import type { ResultRow } from "../../../db/queries/official-results";
import type { CategoryRank } from "../../../db/queries/public-portal";
import type { PublicAgency, PublicProvinceRow, PublicResult } from "./public-results.schema";

/** A published result as the open-data API shows it; values back in decimal form. */
export function presentPublicResult(r: ResultRow): PublicResult {
  return {
    year: r.year,
    agencyCode: r.agencyCode,
    agencyName: r.agencyName,
    category: r.category as PublicResult["category"],
    provinceCode: r.provinceCode,
    provinceName: r.provinceName,
    instrument: r.instrumentId,
    domains: Object.fromEntries(Object.entries(r.nodeValues).map(([k, v]) => [k, v / 100])),
    index: r.indexHundredths / 100,
    predicate: r.predicate,
    source: r.source,
  };
}

/** The CSV header of the open data; documented in docs/open-data.md, never reordered. */
export const CSV_COLUMNS = ["year", "agency_code", "agency_name", "category", "province_code", "province_name", "d1", "d2", "d3", "d4", "index", "predicate", "source"];

/** The same rows as CSV with stable column names (decimal point, two decimals). */
export function publicResultsCsv(rows: PublicResult[], stringify: (records: unknown[][]) => string): string {
  const fixed = (v: number | undefined) => (v === undefined ? "" : v.toFixed(2));
  return stringify([
    CSV_COLUMNS,
    ...rows.map((r) => [r.year, r.agencyCode, r.agencyName, r.category, r.provinceCode ?? "", r.provinceName ?? "", fixed(r.domains.D1), fixed(r.domains.D2), fixed(r.domains.D3), fixed(r.domains.D4), fixed(r.index), r.predicate, r.source]),
  ]);
}

/** One instansi with its published history (oldest year first) and its rank in its category per year. */
export function presentPublicAgency(agency: AgencyRow, rows: ResultRow[], ranks: CategoryRank[]): PublicAgency {
  const isProvince = agency.category === "provinsi";
  const province = isProvince ? { code: agency.code, name: agency.name } : agency.parentCode && agency.parentName ? { code: agency.parentCode, name: agency.parentName } : null;
  return {
    agency: { code: agency.code, name: agency.name, category: agency.category, regionName: agency.regionName, province },
    history: rows.map((r) => {
      const { year, instrument, domains, index, predicate, source } = presentPublicResult(r);
      const rank = ranks.find((k) => k.year === r.year);
      return { year, instrument, domains, index, predicate, source, rank: rank?.rank ?? null, rankOf: rank?.of ?? null };
    }),
  };
}

/**
 * Results of one year next to the previous year's: the change is taken in integer hundredths, so
 * 3.05 − 3.31 is exactly −0.26. `rank` is the place in `rows` (ties share a place), or null.
 */
export function presentProvinceRows(rows: ResultRow[], previous: ResultRow[], ranked: boolean): PublicProvinceRow[] {
  const before = new Map(previous.map((r) => [r.agencyCode, r.indexHundredths]));
  return rows.map((r) => {
    const prev = before.get(r.agencyCode);
    const rank = ranked ? rows.filter((o) => o.indexHundredths > r.indexHundredths).length + 1 : null;
    return {
      ...presentPublicResult(r),
      previousIndex: prev === undefined ? null : prev / 100,
      change: prev === undefined ? null : (r.indexHundredths - prev) / 100,
      rank,
    };
  });
}
