import type { CompiledInstrument } from "./compile-instrument";
import { fromScaledInt, roundRationalHalfUp } from "./fixed-point";
import { numeratorOfHundredths, valueHundredths } from "./index-numerator";
import { predicateFor, roundTenThousandthsToHundredths, type PredicatePolicy } from "./predicate";
import { ScoringError } from "./scoring-error";

/** Values keyed by indicator code (whole levels, or decimals where declared); null or absent means "not answered yet". */
export type LevelMap = Record<string, number | null | undefined>;

export interface NodeScore {
  code: string;
  kind: string;
  name: string;
  depth: number;
  weight: number;
  /** Index of the node to four decimals (half-up); null when nothing below it is answered. */
  index: number | null;
  /** The same rounded half-up to two decimals, as published. */
  indexRounded: number | null;
}

export interface ScoreResult {
  instrument: string;
  policy: PredicatePolicy;
  /** Exact overall index (four decimals at most for two-decimal weights). */
  index: number;
  indexRounded: number;
  predicate: string;
  /** True when computed in preview mode over only the answered indicators. */
  partial: boolean;
  completeness: { answered: number; total: number; ratio: number };
  nodes: NodeScore[];
}

export interface ScoreOptions {
  policy?: PredicatePolicy;
  /** Preview mode: score what is answered instead of failing on missing levels. */
  partial?: boolean;
}

/**
 * Scores one assessment under the official method: node index = Σ(child index × child weight) /
 * node weight, overall = Σ(value × weight) / 100, exact in integers (values and weights in hundredths). In partial mode the index is the
 * weighted mean over answered indicators and is flagged `partial`.
 */
export function scoreAssessment(compiled: CompiledInstrument, levels: LevelMap, options: ScoreOptions = {}): ScoreResult {
  const policy = options.policy ?? "exact";
  const { codes, weights, position } = compiled;
  const unknown = Object.keys(levels).filter((c) => !position.has(c));
  if (unknown.length) {
    throw new ScoringError("unknown_indicator", `unknown indicator code(s): ${unknown.join(", ")}`, { codes: unknown });
  }
  // Values in integer hundredths (1.26 → 126).
  const values = new Int32Array(codes.length);
  const answered = new Uint8Array(codes.length);
  const missing: string[] = [];
  codes.forEach((code, i) => {
    const v = levels[code];
    if (v === null || v === undefined) {
      missing.push(code);
      values[i] = compiled.levelMin * 100; // placeholder; excluded below
    } else {
      values[i] = valueHundredths(compiled, i, v);
      answered[i] = 1;
    }
  });
  if (missing.length && !options.partial) {
    throw new ScoringError("missing_levels", `no level for indicator(s): ${missing.join(", ")}`, { codes: missing });
  }

  const rangeSum = (start: number, end: number) => {
    let num = 0;
    let den = 0;
    for (let i = start; i < end; i++) {
      if (!answered[i]) continue;
      num += values[i]! * weights[i]!;
      den += weights[i]!;
    }
    return { num, den };
  };
  const nodes: NodeScore[] = compiled.nodes.map((n) => {
    const { num, den } = rangeSum(n.leafStart, n.leafEnd);
    return {
      code: n.code,
      kind: n.kind,
      name: n.name,
      depth: n.depth,
      weight: n.weightHundredths / 100,
      index: den ? fromScaledInt(roundRationalHalfUp(num, den * 100, 4), 4) : null,
      indexRounded: den ? fromScaledInt(roundRationalHalfUp(num, den * 100, 2), 2) : null,
    };
  });
  // Overall index in ten-thousandths: the official sum when complete, a weighted mean in preview.
  let index10k: number;
  if (!missing.length) index10k = numeratorOfHundredths(compiled, values);
  else {
    const total = rangeSum(0, codes.length);
    index10k = total.den ? roundRationalHalfUp(total.num, total.den * 100, 4) : 0;
  }
  const answeredCount = codes.length - missing.length;
  return {
    instrument: compiled.instrument.id,
    policy,
    index: fromScaledInt(index10k, 4),
    indexRounded: fromScaledInt(roundTenThousandthsToHundredths(index10k), 2),
    predicate: predicateFor(compiled, index10k, policy),
    partial: missing.length > 0,
    completeness: { answered: answeredCount, total: codes.length, ratio: codes.length ? answeredCount / codes.length : 0 },
    nodes,
  };
}
