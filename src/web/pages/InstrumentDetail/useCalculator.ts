import { useCallback, useMemo, useState } from "react";
import { compileInstrument, scoreAssessment, type Instrument, type NodeScore, type PredicatePolicy, type ScoreResult } from "../../../core";

export type Levels = Record<string, number | null>;

export interface Calculator {
  /** The levels scored: the base levels with the reader's own choices over them. */
  levels: Levels;
  /** Only the reader's own choices (the levels changed from the base). */
  overrides: Levels;
  policy: PredicatePolicy;
  result: ScoreResult;
  /** Score of every aggregate (non-indicator) node by code. */
  nodeScores: Map<string, NodeScore>;
  levelMin: number;
  levelMax: number;
  setLevel: (code: string, level: number | null) => void;
  fillAll: (level: number) => void;
  clear: () => void;
  /** Drops the reader's own choice for one indicator (back to the base level). */
  reset: (code: string) => void;
  setPolicy: (policy: PredicatePolicy) => void;
}

/**
 * The live calculator: levels per indicator, scored in the browser by the pure core (the same code
 * the server and the CLI run), in preview mode so a half-filled instrument still gives an index.
 */
export function useCalculator(instrument: Instrument, options: { base?: Levels; policy?: PredicatePolicy } = {}): Calculator {
  const compiled = useMemo(() => compileInstrument(instrument), [instrument]);
  const [overrides, setLevels] = useState<Levels>({});
  const [policy, setPolicy] = useState<PredicatePolicy>(options.policy ?? "exact");
  const { base } = options;
  const levels = useMemo(() => (base ? { ...base, ...overrides } : overrides), [base, overrides]);
  const result = useMemo(() => scoreAssessment(compiled, levels, { policy, partial: true }), [compiled, levels, policy]);
  const nodeScores = useMemo(() => new Map(result.nodes.map((n) => [n.code, n])), [result]);
  const setLevel = useCallback((code: string, level: number | null) => setLevels((prev) => ({ ...prev, [code]: level })), []);
  const fillAll = useCallback((level: number) => setLevels(Object.fromEntries(compiled.codes.map((c) => [c, level]))), [compiled]);
  const clear = useCallback(() => setLevels({}), []);
  const reset = useCallback((code: string) => setLevels(({ [code]: _dropped, ...rest }) => rest), []);
  return { levels, overrides, policy, result, nodeScores, levelMin: compiled.levelMin, levelMax: compiled.levelMax, setLevel, fillAll, clear, reset, setPolicy };
}

/** levels.min..levels.max as a list. */
export function levelRange(min: number, max: number): number[] {
  return Array.from({ length: Math.max(0, max - min + 1) }, (_, i) => min + i);
}
