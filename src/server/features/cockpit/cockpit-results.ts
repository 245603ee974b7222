import { exactMean, rankDescending, roundTenThousandthsToHundredths } from "../../../core";
import type { DashboardAgency } from "../../../db/queries/dashboards";
import { indexFamilyOf } from "../../../lib/result-instruments";
import { nodeValuesOf } from "../public-results/public-result.presenter";
import type { CockpitResponse } from "./cockpit.schema";

/** A published result as loaded for the cockpit (values in integer hundredths). */
export interface PublishedRow {
  agencyId: number;
  year: number;
  instrumentId: string;
  nodeValues: Record<string, number>;
  indexHundredths: number;
  predicate: string;
}

/** A finalised Pandu result: the year of its period and the exact index in ten-thousandths. */
export interface PanduResult {
  agencyId: number;
  year: number;
  instrumentId: string;
  index10k: number;
}

const h = (v: number | null) => (v === null ? null : v / 100);
const sameFamily = (a: string, b: string) => indexFamilyOf(a).family === indexFamilyOf(b).family;

/**
 * Averages of published results of some agencies in one year (hundredths summed exactly, rounded
 * half-up once), the index and each node of `codes` (the top-level nodes of the year's instrument).
 */
export function averageOf(rows: Pick<PublishedRow, "nodeValues" | "indexHundredths">[], codes: readonly string[]): CockpitResponse["averages"]["province"] {
  return {
    count: rows.length,
    index: h(exactMean(rows.map((r) => r.indexHundredths)).mean),
    nodes: Object.fromEntries(codes.map((d) => [d, h(exactMean(rows.flatMap((r) => (r.nodeValues[d] === undefined ? [] : [r.nodeValues[d]!]))).mean)])),
  };
}

/**
 * Each agency with its result of `year`, the previous published result of the same index family
 * (a 2025 SPBE index is no "previous" of a 2026 Pemdi index), the change and its rank.
 */
export function agencyStandings(agencies: DashboardAgency[], published: PublishedRow[], year: number): CockpitResponse["agencies"] {
  const list = agencies.map((a) => {
    const own = published.filter((r) => r.agencyId === a.id);
    const current = own.find((r) => r.year === year) ?? null;
    const previous = (current && own.filter((r) => r.year < year && sameFamily(r.instrumentId, current.instrumentId)).at(-1)) || null;
    return { a, current, previous };
  });
  const withResult = list.filter((x) => x.current);
  const ranks = rankDescending(withResult.map((x) => x.current!.indexHundredths));
  const rankOf = new Map(withResult.map((x, i) => [x.a.id, ranks[i]!]));
  return list
    .map(({ a, current, previous }) => ({
      code: a.code,
      name: a.name,
      category: a.category,
      rank: rankOf.get(a.id) ?? null,
      result: current ? { year: current.year, instrument: current.instrumentId, index: current.indexHundredths / 100, predicate: current.predicate, nodes: nodeValuesOf(current.nodeValues) } : null,
      previous: previous ? { year: previous.year, index: previous.indexHundredths / 100 } : null,
      change: current && previous ? (current.indexHundredths - previous.indexHundredths) / 100 : null,
    }))
    .sort((x, y) => (x.rank ?? Infinity) - (y.rank ?? Infinity) || x.code.localeCompare(y.code));
}

/**
 * Index per agency and year from 2021 on: every published year, plus finalised Pandu results for
 * years without a published one (the exact index rounded half-up to two decimals); and the
 * province's average of published indices per year. Each point names its instrument, so a chart
 * splits the SPBE and the Pemdi indices into separate series (core `splitIndexSeries`).
 */
export function trendOf(agencies: DashboardAgency[], published: PublishedRow[], pandu: PanduResult[]): CockpitResponse["trend"] {
  const years = [...new Set([...published.map((r) => r.year), ...pandu.map((r) => r.year)])].filter((y) => y >= 2021).sort((a, b) => a - b);
  const series = agencies.map((a) => {
    const points: CockpitResponse["trend"]["series"][number]["points"] = [];
    for (const y of years) {
      const p = published.find((r) => r.agencyId === a.id && r.year === y);
      if (p) points.push({ year: y, instrument: p.instrumentId, index: p.indexHundredths / 100, source: "official" });
      else {
        const q = pandu.find((r) => r.agencyId === a.id && r.year === y);
        if (q) points.push({ year: y, instrument: q.instrumentId, index: roundTenThousandthsToHundredths(q.index10k) / 100, source: "pandu" });
      }
    }
    return { code: a.code, name: a.name, points };
  });
  const provinceAverage = years.flatMap((y) => {
    const rows = published.filter((r) => r.year === y);
    const m = exactMean(rows.map((r) => r.indexHundredths));
    return m.mean === null ? [] : [{ year: y, instrument: rows[0]!.instrumentId, index: m.mean / 100, count: m.count }];
  });
  return { years, series, provinceAverage };
}

/** Targets with the province's index of that year (published, else a finalised Pandu result) and the gap (target − actual). */
export function targetProgress(
  targets: { year: number; targetHundredths: number; source: string }[],
  provinceId: number,
  published: PublishedRow[],
  pandu: PanduResult[],
): CockpitResponse["targets"] {
  return targets.map((t) => {
    const p = published.find((r) => r.agencyId === provinceId && r.year === t.year);
    const q = pandu.find((r) => r.agencyId === provinceId && r.year === t.year);
    const actual = p ? p.indexHundredths : q ? roundTenThousandthsToHundredths(q.index10k) : null;
    return { year: t.year, target: t.targetHundredths / 100, source: t.source, actual: h(actual), gap: actual === null ? null : (t.targetHundredths - actual) / 100 };
  });
}
