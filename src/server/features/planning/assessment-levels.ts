import { levelsInForce, stagesFor, type CompiledInstrument, type PeriodKind, type Stage } from "../../../core";

interface LevelSource {
  period: { kind: string; withVisit: boolean };
  stage: string;
  answers: { indicatorCode: string; stage: string; level: number | null }[];
  /** The latest result revision's levels when the assessment is final. */
  resultLevels: Record<string, number> | null;
}

/**
 * The levels an analysis or plan starts from: the latest official result when there is one,
 * otherwise the levels in force at the open stage (carried forward). Indicators never answered
 * count at the lowest level, as an official result would, and are listed in `missing`.
 */
export function planningLevels(compiled: CompiledInstrument, src: LevelSource): { levels: Record<string, number>; missing: string[]; source: "result" | "stage" } {
  const order = stagesFor(src.period.kind as PeriodKind, src.period.withVisit);
  const stage = src.stage as Stage;
  const inForce = levelsInForce({ codes: compiled.codes, order, stage, answers: src.answers, result: src.resultLevels });
  const levels = Object.fromEntries(compiled.codes.map((c) => [c, inForce.levels[c] ?? compiled.levelMin]));
  return { levels, missing: inForce.missing, source: src.resultLevels && stage === "final" ? "result" : "stage" };
}

/** Indicator code → the code of its aspect (the deepest aggregate node holding it). */
export function aspectOfIndicator(compiled: CompiledInstrument): Map<string, string> {
  const out = new Map<string, string>();
  compiled.codes.forEach((code, i) => {
    let best: { code: string; depth: number } | null = null;
    for (const n of compiled.nodes) if (n.leafStart <= i && i < n.leafEnd && (!best || n.depth > best.depth)) best = { code: n.code, depth: n.depth };
    if (best) out.set(code, best.code);
  });
  return out;
}
