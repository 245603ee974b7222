import { effectiveLevel, type EffectiveLevel, type Stage, type StageAnswer } from "./stages";

/** An answer as stored: one indicator's value in one stage. */
export interface StoredAnswer {
  indicatorCode: string;
  stage: string;
  level: number | null;
}

/** The level that counts for one indicator, where it comes from, and whether a final result corrected it. */
export interface LevelInForce extends EffectiveLevel {
  /** True when the final result sets a level other than the stages' answers give (a correction). */
  corrected: boolean;
}

/** Answers grouped by indicator and stage. */
export function answersByIndicator(answers: readonly StoredAnswer[]): Record<string, Partial<Record<Stage, StageAnswer>>> {
  const out: Record<string, Partial<Record<Stage, StageAnswer>>> = {};
  for (const a of answers) (out[a.indicatorCode] ??= {})[a.stage as Stage] = { level: a.level };
  return out;
}

/**
 * Which level counts for every indicator of an assessment now — the one rule for the workspace,
 * planning, the cockpit, the review and copy forward. Once the assessment is final and has a result,
 * the latest result revision's level counts (a correction changes levels without answers); before,
 * the open stage's answer, or else the nearest earlier stage's, carried forward. An indicator with no
 * level (never answered, or absent from the result) is null and listed in `missing`, in instrument
 * order; what a missing level means (refuse, lowest level, blank) is the caller's decision.
 */
export function levelsInForce(input: {
  codes: readonly string[];
  /** The stages the period runs, in order. */
  order: readonly Stage[];
  /** The assessment's open stage. */
  stage: Stage;
  answers: readonly StoredAnswer[];
  /** The latest result revision's levels, if the assessment has a result. */
  result: Readonly<Record<string, number>> | null;
}): { levels: Record<string, number | null>; indicators: Record<string, LevelInForce>; missing: string[] } {
  const { codes, order, stage, answers } = input;
  const byIndicator = answersByIndicator(answers);
  const result = stage === "final" ? input.result : null;
  const indicators: Record<string, LevelInForce> = {};
  for (const code of codes) {
    const eff = effectiveLevel(order, byIndicator[code] ?? {}, stage);
    if (!result) indicators[code] = { ...eff, corrected: false };
    else {
      const level = result[code] ?? null;
      indicators[code] = level === eff.level ? { ...eff, corrected: false } : { level, from: null, carried: false, corrected: level !== null };
    }
  }
  const levels = Object.fromEntries(codes.map((c) => [c, indicators[c]!.level]));
  return { levels, indicators, missing: codes.filter((c) => levels[c] === null) };
}
