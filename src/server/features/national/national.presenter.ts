import { histogram, OFFICIAL_PREDICATES, rankDescending, resultColumnsOf } from "../../../core";
import type { PublishedEntry } from "../../../db/queries/published-snapshot";
import { averageOf } from "../cockpit/cockpit-results";
import { instrumentsOf, nodeValuesOf } from "../public-results/public-result.presenter";
import { CATEGORIES, type NationalResponse } from "./national.schema";

/**
 * The national view of one year's published results: every (filtered) agency ranked, averages
 * overall and per category (integer hundredths summed exactly, rounded half-up once), a
 * histogram in 0.50 buckets, the count per predicate, and the top and bottom ten. Node values
 * and averages are keyed by the top-level node codes of the year's instrument (`instruments`).
 */
export function presentNational(rows: PublishedEntry[], meta: Pick<NationalResponse, "year" | "years" | "scope" | "filters">): NationalResponse {
  const ranks = rankDescending(rows.map((r) => r.indexHundredths));
  const agencies = rows.map((r, i) => ({
    code: r.code,
    name: r.name,
    category: r.category,
    provinceCode: r.provinceCode,
    provinceName: r.provinceName,
    index: r.indexHundredths / 100,
    predicate: r.predicate,
    instrument: r.instrumentId,
    nodes: nodeValuesOf(r.nodeValues),
    rank: ranks[i]!,
  }));
  const instruments = instrumentsOf(agencies);
  const codes = resultColumnsOf(instruments).map((n) => n.code);
  return {
    ...meta,
    instruments,
    count: rows.length,
    average: averageOf(rows, codes),
    categoryAverages: CATEGORIES.map((c) => ({ category: c, ...averageOf(rows.filter((r) => r.category === c), codes) })).filter((a) => a.count > 0),
    histogram: histogram(rows.map((r) => r.indexHundredths)).map((b) => ({ from: b.from / 100, to: b.to / 100, count: b.count })),
    predicates: OFFICIAL_PREDICATES.map((p) => ({ predicate: p, count: rows.filter((r) => r.predicate === p).length })),
    top: agencies.slice(0, 10),
    bottom: agencies.slice(-10).reverse(),
    agencies,
  };
}
