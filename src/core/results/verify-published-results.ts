import type { CompiledInstrument } from "../scoring/compile-instrument";
import { hundredths } from "../scoring/fixed-point";
import { indexFromNodeValues } from "../scoring/index-from-node-values";
import { predicateForScaled, type PredicatePolicy } from "../scoring/predicate";

/** One published result: the node (domain) values, index and predicate as printed. */
export interface PublishedResult {
  line: number;
  year: number;
  agencyName: string;
  nodeValues: Record<string, number>;
  index: number;
  predicate: string;
}

export interface ResultCheck {
  row: PublishedResult;
  recomputedIndex: number;
  recomputedPredicate: string;
  indexOk: boolean;
  predicateOk: boolean;
}

/**
 * Recomputes a published row from its node values and compares. The index may differ by one
 * hundredth because the published node values are themselves rounded; the predicate must match the
 * band of the recomputed index under the year's policy.
 */
export function checkPublishedResult(compiled: CompiledInstrument, row: PublishedResult, policy: PredicatePolicy): ResultCheck {
  if (Object.keys(row.nodeValues).length === 0) {
    // Index-only history: nothing to recompute, but the predicate must fit the published index.
    const predicate = predicateForScaled(compiled.predicates, hundredths(row.index), 2, policy);
    return { row, recomputedIndex: row.index, recomputedPredicate: predicate, indexOk: true, predicateOk: predicate === row.predicate };
  }
  const r = indexFromNodeValues(compiled, row.nodeValues, policy);
  const diffHundredths = Math.abs(Math.round(r.indexRounded * 100) - hundredths(row.index));
  return {
    row,
    recomputedIndex: r.index,
    recomputedPredicate: r.predicate,
    indexOk: diffHundredths <= 1,
    predicateOk: r.predicate === row.predicate,
  };
}
