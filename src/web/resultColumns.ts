// Direct module paths, not the core's index: the index pulls in the instrument schema (zod), which the
// portal's first paint does not need (test/web/bundle-budget.test.ts).
import { resultColumnsOf, type ResultNode } from "../core/results/result-nodes";
import { splitIndexSeries, type IndexSeries, type TrendPointLike } from "../core/results/index-series";
import type { ResultInstrument } from "./api";

/**
 * The value columns of some published results: the top-level nodes of their instruments (D1–D4
 * for 59/2020, D1–D3 for 5/2018, A1–A7 for Pemdi), never a fixed list.
 */
export function resultColumns(instruments: readonly ResultInstrument[]): ResultNode[] {
  return resultColumnsOf(instruments);
}

/**
 * A trend split into series of comparable indices (the SPBE index, then the Pemdi index), by the
 * index family of each point's instrument; an instrument not listed is a family of its own.
 */
export function trendSeries<P extends TrendPointLike>(points: readonly P[], instruments: readonly ResultInstrument[]): (IndexSeries<P> & { name: string })[] {
  const byId = new Map(instruments.map((i) => [i.instrument, i]));
  return splitIndexSeries(points, (id) => byId.get(id)?.family ?? id).map((s) => ({ ...s, name: instruments.find((i) => i.family === s.family)?.familyName ?? s.family }));
}
