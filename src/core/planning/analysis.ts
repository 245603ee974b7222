import { indicatorsOf, isLeaf, type Instrument, type InstrumentNode } from "../instruments/types";
import { compileInstrument } from "../scoring/compile-instrument";
import { hundredths, roundRationalHalfUp } from "../scoring/fixed-point";
import { indexNumerator } from "../scoring/index-numerator";
import { predicateFor, roundTenThousandthsToHundredths, type PredicatePolicy } from "../scoring/predicate";
import { scoreAssessment } from "../scoring/score-assessment";

/**
 * One aspect (the parent of a group of indicators) with its fulfilment and index. Instruments differ
 * in depth: 59/2020 puts aspects under domains, Pemdi 2026 has its aspects at the root.
 */
export interface AspectAnalysis {
  code: string;
  name: string;
  /** The top-level node above the aspect (an SPBE domain); null when the aspect is itself top-level (Pemdi). */
  parentCode: string | null;
  /** Percent of the whole index. */
  weight: number;
  indicatorCount: number;
  /** Indicators valued 2 or more (a whole level above the lowest level of the scale; 1.26 is not). */
  fulfilled: number;
  /** fulfilled / indicatorCount in percent, rounded half-up to an integer (0..100). */
  fulfilmentPercent: number;
  /** Aspect index in hundredths, rounded half-up (3.25 → 325). */
  indexHundredths: number;
  /** Σ value × weight over the aspect's indicators (weights in hundredths; a whole number). */
  numerator: number;
  /** Σ weight over the aspect's indicators in hundredths: the exact aspect index is numerator / this. */
  indicatorWeightHundredths: number;
}

/** One indicator named as a strength or weakness. */
export interface IndicatorFinding {
  code: string;
  name: string;
  aspectCode: string;
  level: number;
}

export interface AssessmentAnalysis {
  /** In instrument order. */
  aspects: AspectAnalysis[];
  /** Every indicator with its level and aspect, in instrument order. */
  indicators: IndicatorFinding[];
  /** Levels 4–5 (the top two), highest first, then instrument order. */
  strengths: IndicatorFinding[];
  /** Levels 1–2 (the bottom two), lowest first, then instrument order. */
  weaknesses: IndicatorFinding[];
  /** Overall index in hundredths, rounded half-up as published. */
  indexHundredths: number;
  /** Overall index in ten-thousandths (exact). */
  indexTenThousandths: number;
  predicate: string;
  policy: PredicatePolicy;
  /** Codes of the aspect(s) with the highest index (ties all listed), in instrument order. */
  strongestAspects: string[];
  /** Codes of the aspect(s) with the lowest index (ties all listed), in instrument order. */
  weakestAspects: string[];
}

/**
 * Nodes with indicator children (the aspects of 59/2020 and of Pemdi 2026), each with its top-level
 * ancestor (null for an aspect at the root).
 */
function aspectsOf(tree: InstrumentNode[]): { node: InstrumentNode; parentCode: string | null; leaves: InstrumentNode[] }[] {
  const out: { node: InstrumentNode; parentCode: string | null; leaves: InstrumentNode[] }[] = [];
  const walk = (nodes: InstrumentNode[], root: string | null) => {
    for (const n of nodes) {
      if (isLeaf(n)) continue;
      const leaves = n.children!.filter(isLeaf);
      if (leaves.length) out.push({ node: n, parentCode: root, leaves });
      walk(n.children!, root ?? n.code);
    }
  };
  walk(tree, null);
  return out;
}

/** a/b compared with c/d for positive denominators, exactly. */
function compareRatio(a: number, b: number, c: number, d: number): number {
  return a * d - c * b;
}

/**
 * The rule-based part of an external assessor's analysis (Pedoman MenPANRB 3/2024 BAB III.F): per
 * aspect the fulfilment (indicators at levels 2–5) and index, the strengths (levels 4–5, highest
 * first) and weaknesses (levels 1–2, lowest first). On scales other than 1–5 the same rules apply
 * relative to the bottom and top levels. Every indicator needs a level; throws `ScoringError`
 * otherwise.
 */
export function analyseAssessment(instrument: Instrument, levels: Record<string, number>, policy: PredicatePolicy): AssessmentAnalysis {
  const compiled = compileInstrument(instrument);
  scoreAssessment(compiled, levels, { policy }); // validates: unknown codes, missing or invalid levels
  const { min, max } = instrument.levels;
  const numerator = indexNumerator(
    compiled,
    compiled.codes.map((c) => levels[c]!),
  );
  const aspectOf = new Map<string, string>();
  const aspects: AspectAnalysis[] = aspectsOf(instrument.tree).map(({ node, parentCode, leaves }) => {
    let num = 0;
    let den = 0;
    let fulfilled = 0;
    for (const leaf of leaves) {
      aspectOf.set(leaf.code, node.code);
      const value = hundredths(levels[leaf.code]!);
      const w = hundredths(leaf.weight);
      num += value * w;
      den += w;
      if (value >= (min + 1) * 100) fulfilled++;
    }
    return {
      code: node.code,
      name: node.name,
      parentCode,
      weight: node.weight,
      indicatorCount: leaves.length,
      fulfilled,
      fulfilmentPercent: roundRationalHalfUp(fulfilled * 100, leaves.length, 0),
      indexHundredths: den ? roundRationalHalfUp(num / 100, den, 2) : 0,
      numerator: num / 100,
      indicatorWeightHundredths: den,
    };
  });
  const findings: IndicatorFinding[] = indicatorsOf(instrument.tree).map((n) => ({ code: n.code, name: n.name, aspectCode: aspectOf.get(n.code) ?? "", level: levels[n.code]! }));
  // Array.prototype.sort is stable, so equal levels keep instrument order.
  const strengths = [...findings].filter((f) => f.level >= max - 1).sort((a, b) => b.level - a.level);
  const weaknesses = findings.filter((f) => f.level <= min + 1).sort((a, b) => a.level - b.level);
  const den = (a: AspectAnalysis) => a.indicatorWeightHundredths;
  const extreme = (sign: 1 | -1) => {
    let best: AspectAnalysis[] = [];
    for (const a of aspects) {
      const cmp = best.length ? sign * compareRatio(a.numerator, den(a), best[0]!.numerator, den(best[0]!)) : 1;
      if (cmp > 0) best = [a];
      else if (cmp === 0) best.push(a);
    }
    return best.map((a) => a.code);
  };
  return {
    aspects,
    indicators: findings,
    strengths,
    weaknesses,
    indexHundredths: roundTenThousandthsToHundredths(numerator),
    indexTenThousandths: numerator,
    predicate: predicateFor(compiled, numerator, policy),
    policy,
    strongestAspects: extreme(1),
    weakestAspects: extreme(-1),
  };
}

