import type { AgencyRow } from "../../../db/queries/agencies";
import type { ResultRow } from "../../../db/queries/official-results";
import type { CategoryRank } from "../../../db/queries/public-portal";
import { resultColumnsOf } from "../../../core";
import { indexFamilyOf, resultInstruments } from "../../../lib/result-instruments";
import type { PublicAgency, PublicProvinceRow, PublicResult, ResultInstrument } from "./public-results.schema";

/** Node values in hundredths (as stored) back in decimal form, keyed by node code. */
export function nodeValuesOf(nodeValues: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(nodeValues).map(([k, v]) => [k, v / 100]));
}

/** The layout of the instruments of some results, in the order they first appear. */
export function instrumentsOf(rows: { instrument: string }[]): ResultInstrument[] {
  return resultInstruments(rows.map((r) => r.instrument));
}

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
    nodes: nodeValuesOf(r.nodeValues),
    index: r.indexHundredths / 100,
    predicate: r.predicate,
    source: r.source,
  };
}

/**
 * The same rows as CSV (decimal point, two decimals; documented in docs/open-data.md). The node
 * columns are the top-level node codes, lower case, of the instruments of the rows (d1…d4 for the
 * 59/2020 years, a1…a7 for Pemdi), between the identity columns and `index`; a row leaves the
 * columns of other instruments empty, and `instrument` (last) names its own. With a decimal comma
 * (the Indonesian-locale file) only the figures change; codes such as `35.10` are written as they are.
 */
export function publicResultsCsv(rows: PublicResult[], instruments: ResultInstrument[], stringify: (records: unknown[][]) => string, decimalSeparator: "." | "," = "."): string {
  const fixed = (v: number | undefined) => (v === undefined ? "" : v.toFixed(2).replace(".", decimalSeparator));
  const codes = resultColumnsOf(instruments).map((n) => n.code);
  return stringify([
    ["year", "agency_code", "agency_name", "category", "province_code", "province_name", ...codes.map((c) => c.toLowerCase()), "index", "predicate", "source", "instrument"],
    ...rows.map((r) => [r.year, r.agencyCode, r.agencyName, r.category, r.provinceCode ?? "", r.provinceName ?? "", ...codes.map((c) => fixed(r.nodes[c])), fixed(r.index), r.predicate, r.source, r.instrument]),
  ]);
}

/** One instansi with its published history (oldest year first) and its rank in its category per year. */
export function presentPublicAgency(agency: AgencyRow, rows: ResultRow[], ranks: CategoryRank[]): PublicAgency {
  const isProvince = agency.category === "provinsi";
  const province = isProvince ? { code: agency.code, name: agency.name } : agency.parentCode && agency.parentName ? { code: agency.parentCode, name: agency.parentName } : null;
  const history = rows.map((r) => {
    const { year, instrument, nodes, index, predicate, source } = presentPublicResult(r);
    const rank = ranks.find((k) => k.year === r.year);
    return { year, instrument, nodes, index, predicate, source, rank: rank?.rank ?? null, rankOf: rank?.of ?? null };
  });
  return {
    agency: { code: agency.code, name: agency.name, category: agency.category, regionName: agency.regionName, province },
    history,
    instruments: instrumentsOf(history),
  };
}

/**
 * Results of one year next to the previous year's: the change is taken in integer hundredths, so
 * 3.05 − 3.31 is exactly −0.26. A previous result of another index family (SPBE 2025 before Pemdi
 * 2026) is not comparable and counts as none. `rank` is the place in `rows` (ties share a place), or null.
 */
export function presentProvinceRows(rows: ResultRow[], previous: ResultRow[], ranked: boolean): PublicProvinceRow[] {
  const before = new Map(previous.map((r) => [r.agencyCode, r]));
  return rows.map((r) => {
    const p = before.get(r.agencyCode);
    const prev = p && indexFamilyOf(p.instrumentId).family === indexFamilyOf(r.instrumentId).family ? p.indexHundredths : undefined;
    const rank = ranked ? rows.filter((o) => o.indexHundredths > r.indexHundredths).length + 1 : null;
    return {
      ...presentPublicResult(r),
      previousIndex: prev === undefined ? null : prev / 100,
      change: prev === undefined ? null : (r.indexHundredths - prev) / 100,
      rank,
    };
  });
}
