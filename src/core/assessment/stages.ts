/**
 * Stages of one agency's assessment in a period (PermenPANRB 59/2020 BAB III; Pedoman 3/2024):
 * the self-assessment, then the external assessor's document review, interview and optional site
 * visit, then the final levels. Pemantauan stops after the document review.
 */
export const STAGES = ["mandiri", "dokumen", "interviu", "visitasi", "final"] as const;
export type Stage = (typeof STAGES)[number];
export type PeriodKind = "pemantauan" | "evaluasi";

/** The stages a period of this kind runs, in order (visitasi only when the ministry decides it). */
export function stagesFor(kind: PeriodKind, withVisit: boolean): Stage[] {
  if (kind === "pemantauan") return ["mandiri", "dokumen", "final"];
  return withVisit ? ["mandiri", "dokumen", "interviu", "visitasi", "final"] : ["mandiri", "dokumen", "interviu", "final"];
}

/** One indicator's answer in one stage. */
export interface StageAnswer {
  level: number | null;
}

/** The level in force at a stage and where it came from. */
export interface EffectiveLevel {
  level: number | null;
  /** The stage whose answer supplies the level. */
  from: Stage | null;
  /** True when the stage itself left the indicator untouched and an earlier level carries forward. */
  carried: boolean;
}

/**
 * The level of one indicator at `stage`: its own answer in that stage, or else the nearest earlier
 * stage's level, carried forward (Pedoman 3/2024 BAB III.D: an indicator the assessor does not touch
 * keeps the previous stage's value).
 */
export function effectiveLevel(order: readonly Stage[], answers: Partial<Record<Stage, StageAnswer>>, stage: Stage): EffectiveLevel {
  const upto = order.indexOf(stage);
  if (upto < 0) throw new RangeError(`stage ${stage} is not part of this period`);
  for (let i = upto; i >= 0; i--) {
    const s = order[i]!;
    const a = answers[s];
    if (a && a.level !== null) return { level: a.level, from: s, carried: i !== upto };
  }
  return { level: null, from: null, carried: false };
}

/** Levels of every indicator at a stage, for scoring: code → level (null when never answered). */
export function levelsAtStage(
  order: readonly Stage[],
  byIndicator: Record<string, Partial<Record<Stage, StageAnswer>>>,
  codes: readonly string[],
  stage: Stage,
): Record<string, number | null> {
  return Object.fromEntries(codes.map((c) => [c, effectiveLevel(order, byIndicator[c] ?? {}, stage).level]));
}
