import { useCallback, useMemo, useState } from "react";
import { compileInstrument, scoreAssessment, type Instrument, type NodeScore, type PredicatePolicy, type ScoreResult } from "../../../core";

export type Levels = Record<string, number | null>;

export interface Calculator {
  levels: Levels;
  policy: PredicatePolicy;
  result: ScoreResult;
  /** Score of every aggregate (non-indicator) node by code. */
  nodeScores: Map<string, NodeScore>;
  levelMin: number;
  levelMax: number;
  setLevel: (code: string, level: number | null) => void;
  fillAll: (level: number) => void;
  clear: () => void;
  setPolicy: (policy: PredicatePolicy) => void;
}

/**
 * The live calculator: levels per indicator, scored in the browser by the pure core (the same code
 * the server and the CLI run), in preview mode so a half-filled instrument still gives an index.
 */
export function useCalculator(instrument: Instrument): Calculator {
  const compiled = useMemo(() => compileInstrument(instrument), [instrument]);
  const [levels, setLevels] = useState<Levels>({});
  const [policy, setPolicy] = useState<PredicatePolicy>("exact");
  const result = useMemo(() => scoreAssessment(compiled, levels, { policy, partial: true }), [compiled, levels, policy]);
  const nodeScores = useMemo(() => new Map(result.nodes.map((n) => [n.code, n])), [result]);
  const setLevel = useCallback((code: string, level: number | null) => setLevels((prev) => ({ ...prev, [code]: level })), []);
  const fillAll = useCallback((level: number) => setLevels(Object.fromEntries(compiled.codes.map((c) => [c, level]))), [compiled]);
  const clear = useCallback(() => setLevels({}), []);
  return { levels, policy, result, nodeScores, levelMin: compiled.levelMin, levelMax: compiled.levelMax, setLevel, fillAll, clear, setPolicy };
}

/** levels.min..levels.max as a list. */
export function levelRange(min: number, max: number): number[] {
  return Array.from({ length: Math.max(0, max - min + 1) }, (_, i) => min + i);
}
