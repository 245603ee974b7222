import { histogram, OFFICIAL_PREDICATES, rankDescending } from "../../../core";
import type { PublishedEntry } from "../../../db/queries/published-snapshot";
import { averageOf } from "../cockpit/cockpit-results";
import { CATEGORIES, type NationalResponse } from "./national.schema";

/**
 * The national view of one year's published results: every (filtered) agency ranked, averages
 * overall and per category (integer hundredths summed exactly, rounded half-up once), a
 * histogram in 0.50 buckets, the count per predicate, and the top and bottom ten.
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
    domains: Object.fromEntries(Object.entries(r.nodeValues).map(([k, v]) => [k, v / 100])),
    rank: ranks[i]!,
  }));
  return {
    ...meta,
    count: rows.length,
    average: averageOf(rows),
    categoryAverages: CATEGORIES.map((c) => ({ category: c, ...averageOf(rows.filter((r) => r.category === c)) })).filter((a) => a.count > 0),
    histogram: histogram(rows.map((r) => r.indexHundredths)).map((b) => ({ from: b.from / 100, to: b.to / 100, count: b.count })),
    predicates: OFFICIAL_PREDICATES.map((p) => ({ predicate: p, count: rows.filter((r) => r.predicate === p).length })),
    top: agencies.slice(0, 10),
    bottom: agencies.slice(-10).reverse(),
    agencies,
  };
}
