import { indicatorsOf, type Instrument } from "../instruments/types";
import { compileInstrument } from "../scoring/compile-instrument";
import { valueHundredths } from "../scoring/index-numerator";
import { ScoringError } from "../scoring/scoring-error";
import { PlanningError } from "./planning-error";

/** What an indicator needs to move one level up. */
export interface NextLevelGuidance {
  indicator: string;
  from: number;
  /** null when the indicator is already at the top level. */
  to: number | null;
  /** Name of the next level on the indicator's scale (e.g. "Terdefinisi"), null at the top or without a scale. */
  toName: string | null;
  /** The next level's criteria as written in the instrument, null at the top. */
  criteria: string | null;
  /** What the next level's criteria add to the current level's (the "Memenuhi level n dan" part stripped), one clause each. */
  adds: string[];
  /** Evidence expected at the next level, one clause each. */
  evidence: string[];
}

/** "Memenuhi level 3 dan …" / "Meets level 3 and …": the cumulative part every next level repeats. */
const CUMULATIVE = /^(memenuhi (kriteria )?(level|tingkat) \d+( dan|,)|meets level \d+( and|,))\s*/i;
/** "ditambah …" / "plus …" joins evidence clauses. */
const JOINER = /^(ditambah|plus|serta)\s+/i;

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Splits a criteria or evidence text into its clauses (separated by semicolons). */
function clauses(text: string | undefined, strip: RegExp): string[] {
  if (!text) return [];
  return text
    .split(/;\s*/)
    .map((c) => c.trim().replace(strip, "").trim())
    .filter((c) => c.length > 0)
    .map(capitalise);
}

/**
 * The criteria and evidence an indicator must add to reach the next level (levels are cumulative,
 * so the next level's text names what is new). Throws `PlanningError` for an unknown indicator or a
 * level outside the instrument's range.
 */
export function nextLevelGuidance(instrument: Instrument, indicator: string, currentLevel: number): NextLevelGuidance {
  const node = indicatorsOf(instrument.tree).find((n) => n.code === indicator);
  if (!node) throw new PlanningError("unknown_indicator", `unknown indicator code ${indicator}`, { codes: [indicator] });
  const { max } = instrument.levels;
  const compiled = compileInstrument(instrument);
  try {
    valueHundredths(compiled, compiled.position.get(indicator)!, currentLevel);
  } catch (e) {
    if (e instanceof ScoringError) throw new PlanningError("invalid_level", e.message, e.details);
    throw e;
  }
  if (currentLevel === max) return { indicator, from: currentLevel, to: null, toName: null, criteria: null, adds: [], evidence: [] };
  // A decimal value (Pemdi 1.26) is on its way to the next whole level.
  const to = Math.floor(currentLevel) + 1;
  const scale = node.scale ? instrument.scales[node.scale] : undefined;
  const criteria = node.criteria?.[String(to)] ?? null;
  return {
    indicator,
    from: currentLevel,
    to,
    toName: scale?.find((l) => l.level === to)?.name ?? null,
    criteria,
    adds: clauses(criteria ?? undefined, CUMULATIVE),
    evidence: clauses(node.evidence?.[String(to)], JOINER),
  };
}
