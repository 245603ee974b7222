import { hundredths } from "./fixed-point";
import { valueStepHundredths } from "./index-numerator";
import { indicatorsOf, isLeaf, type ExternalScore, type Instrument, type InstrumentNode } from "../instruments/types";

/** A non-leaf node with the contiguous range of indicators below it. */
export interface CompiledNode {
  code: string;
  kind: string;
  name: string;
  depth: number;
  weightHundredths: number;
  /** Indicators [leafStart, leafEnd) in `CompiledInstrument.codes` order belong to this node. */
  leafStart: number;
  leafEnd: number;
}

/**
 * An instrument prepared for scoring: indicator weights as integer hundredths in one typed array,
 * and every aggregate node as a range over it. Compile once, score many times.
 */
export interface CompiledInstrument {
  instrument: Instrument;
  codes: string[];
  weights: Int32Array;
  /** Per indicator, the step of its value in hundredths: 100 for whole levels, 1 for values such as 1.26. */
  steps: Int32Array;
  /** Per indicator, the other agency's index its value is converted from, or null. */
  external: (ExternalScore | null)[];
  position: Map<string, number>;
  nodes: CompiledNode[];
  /** Bands from the highest threshold down, thresholds in hundredths. */
  predicates: { name: string; minHundredths: number }[];
  levelMin: number;
  levelMax: number;
}

/** Prepares a validated instrument for scoring. */
export function compileInstrument(instrument: Instrument): CompiledInstrument {
  const leaves = indicatorsOf(instrument.tree);
  const codes = leaves.map((l) => l.code);
  const weights = Int32Array.from(leaves.map((l) => hundredths(l.weight)));
  const steps = Int32Array.from(leaves.map((l) => valueStepHundredths(instrument, l)));
  steps.forEach((s, i) => {
    // validateInstrument reports this with its path; a compiled instrument must score exactly.
    if ((s * weights[i]!) % 100 !== 0) throw new RangeError(`indicator ${codes[i]}: weight × value step has more than four decimals`);
  });
  const position = new Map(codes.map((c, i) => [c, i]));
  const nodes: CompiledNode[] = [];
  let cursor = 0;
  const walk = (list: InstrumentNode[], depth: number) => {
    for (const n of list) {
      if (isLeaf(n)) {
        cursor++;
        continue;
      }
      const entry: CompiledNode = {
        code: n.code,
        kind: n.kind,
        name: n.name,
        depth,
        weightHundredths: hundredths(n.weight),
        leafStart: cursor,
        leafEnd: cursor,
      };
      nodes.push(entry);
      walk(n.children!, depth + 1);
      entry.leafEnd = cursor;
    }
  };
  walk(instrument.tree, 0);
  const predicates = [...instrument.predicates]
    .map((p) => ({ name: p.name, minHundredths: hundredths(p.min) }))
    .sort((a, b) => b.minHundredths - a.minHundredths);
  return {
    instrument,
    codes,
    weights,
    steps,
    external: leaves.map((l) => l.externalScore ?? null),
    position,
    nodes,
    predicates,
    levelMin: instrument.levels.min,
    levelMax: instrument.levels.max,
  };
}
