import type { CompiledInstrument } from "./compile-instrument";
import { hundredths } from "./fixed-point";
import { predicateForScaled, roundScaledToHundredths, type PredicatePolicy } from "./predicate";
import { ScoringError } from "./scoring-error";

export interface IndexFromNodes {
  /** Index as an exact integer in millionths (two-decimal values × two-decimal weights / 100). */
  indexMillionths: number;
  index: number;
  indexRounded: number;
  predicate: string;
}

/**
 * Recomputes the overall index from published node indices (e.g. the four domain values of a
 * national results table): Σ(value × weight) / 100 over nodes whose weights add up to 100.
 * Published values carry two decimals, so the arithmetic stays exact in integers.
 */
export function indexFromNodeValues(
  compiled: CompiledInstrument,
  values: Record<string, number>,
  policy: PredicatePolicy,
): IndexFromNodes {
  const byCode = new Map(compiled.nodes.map((n) => [n.code, n]));
  const unknown = Object.keys(values).filter((c) => !byCode.has(c));
  if (unknown.length) throw new ScoringError("unknown_indicator", `unknown node code(s): ${unknown.join(", ")}`, { codes: unknown });
  let weightSum = 0;
  let sum = 0;
  for (const [code, value] of Object.entries(values)) {
    const node = byCode.get(code)!;
    weightSum += node.weightHundredths;
    sum += hundredths(value) * node.weightHundredths;
  }
  if (weightSum !== 10000) {
    throw new ScoringError("missing_levels", `node weights add up to ${weightSum / 100}, expected 100`, { codes: Object.keys(values) });
  }
  return {
    indexMillionths: sum,
    index: sum / 1e6,
    indexRounded: roundScaledToHundredths(sum, 6) / 100,
    predicate: predicateForScaled(compiled.predicates, sum, 6, policy),
  };
}
