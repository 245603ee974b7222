import type { ExternalScore } from "../instruments/types";
import type { CompiledInstrument } from "./compile-instrument";
import { roundRationalHalfUp, toScaledInt } from "./fixed-point";
import { ScoringError } from "./scoring-error";

/**
 * Indicators whose value comes from another agency's index (Pemdi: Indeks SDI from Bappenas, SJIG
 * from BIG, IPS from BPS). The instrument declares the score range and its bands; a score converts
 * linearly within its band onto the band's value range (SDI 25 → 2.00, 68.75 → 3.75), or to the
 * band's whole level. Bands are half-open [from, to); the last one includes the top of the range.
 */

/** The value (integer hundredths, rounded half-up to the indicator's step) of a score, or why there is none. */
export function convertExternalScore(spec: ExternalScore, score: unknown, stepHundredths: number): { value: number } | { problem: string } {
  const s = typeof score === "number" ? toScaledInt(score) : null;
  if (s === null) return { problem: `score ${String(score)} is not a number with at most two decimals` };
  const [min, max] = [toScaledInt(spec.min)!, toScaledInt(spec.max)!];
  if (s < min || s > max) return { problem: `score ${score as number} is outside ${spec.min}–${spec.max} (${spec.source})` };
  const band = [...spec.bands].reverse().find((b) => toScaledInt(b.from)! <= s) ?? spec.bands[0]!;
  if (spec.conversion === "level") return { value: band.level * 100 };
  const [from, to, vFrom, vTo] = [band.from, band.to, band.valueFrom!, band.valueTo!].map((x) => toScaledInt(x)!) as [number, number, number, number];
  // vFrom + (s − from) × (vTo − vFrom) / (to − from), in hundredths, rounded half-up to the step
  const num = vFrom * (to - from) + (s - from) * (vTo - vFrom);
  return { value: roundRationalHalfUp(num, (to - from) * stepHundredths, 0) * stepHundredths };
}

/** What a levels file or an API body may give per indicator: a value, nothing, or a source score. */
export type IndicatorInput = number | null | undefined | { score: number };

/**
 * Turns values and `{ "score": 57.3 }` entries into values, converting each score with its
 * indicator's declaration. Throws `ScoringError` "invalid_score" naming the indicator for a score out
 * of range, a score given to an indicator that takes none, or an unknown indicator.
 */
export function resolveScoreInputs(compiled: CompiledInstrument, inputs: Record<string, IndicatorInput>): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [code, input] of Object.entries(inputs)) {
    if (input === null || input === undefined || typeof input === "number") {
      out[code] = input ?? null;
      continue;
    }
    const i = compiled.position.get(code);
    if (i === undefined) throw new ScoringError("unknown_indicator", `unknown indicator code(s): ${code}`, { codes: [code] });
    const spec = compiled.external[i];
    if (!spec) throw new ScoringError("invalid_score", `indicator ${code}: takes a value, not a score from another index`, { codes: [code], values: [input] });
    const converted = convertExternalScore(spec, typeof input === "object" ? input.score : input, compiled.steps[i]!);
    if ("problem" in converted) throw new ScoringError("invalid_score", `indicator ${code}: ${converted.problem}`, { codes: [code], values: [input] });
    out[code] = converted.value / 100;
  }
  return out;
}

/** Every problem of an external-score declaration, each with its path (used by validateInstrument). */
export function externalScoreProblems(spec: ExternalScore, path: string, levels: { min: number; max: number }): string[] {
  const problems: string[] = [];
  const two = (v: number, where: string) => {
    const h = toScaledInt(v);
    if (h === null) problems.push(`${where}: ${v} has more than two decimals`);
    return h;
  };
  const [min, max] = [two(spec.min, `${path}.min`), two(spec.max, `${path}.max`)];
  if (min !== null && max !== null && min >= max) problems.push(`${path}: min ${spec.min} must be below max ${spec.max}`);
  let previousTo: number | null = min;
  spec.bands.forEach((b, k) => {
    const at = `${path}.bands[${k}]`;
    const [from, to] = [two(b.from, `${at}.from`), two(b.to, `${at}.to`)];
    if (from !== null && to !== null && from >= to) problems.push(`${at}: from ${b.from} must be below to ${b.to}`);
    for (const [v, h] of [[b.from, from], [b.to, to]] as const) {
      if (h !== null && min !== null && max !== null && (h < min || h > max)) problems.push(`${at}: ${v} is outside the score range ${spec.min}–${spec.max}`);
    }
    if (from !== null && previousTo !== null && from !== previousTo) {
      const prev = k === 0 ? `the range starts at ${spec.min}` : `the previous band ends at ${spec.bands[k - 1]!.to}`;
      problems.push(`${at}: starts at ${b.from} but ${prev} (${from > previousTo ? "a gap" : "an overlap"})`);
    }
    previousTo = to;
    if (!Number.isInteger(b.level) || b.level < levels.min || b.level > levels.max) problems.push(`${at}.level: ${b.level} is outside the instrument's levels ${levels.min}–${levels.max}`);
    if (spec.conversion === "linear") {
      for (const key of ["valueFrom", "valueTo"] as const) {
        const v = b[key];
        if (v === undefined) problems.push(`${at}.${key}: a linear conversion needs the band's value range`);
        else if (two(v, `${at}.${key}`) !== null && (v < levels.min || v > levels.max)) problems.push(`${at}.${key}: ${v} is outside ${levels.min.toFixed(2)}–${levels.max.toFixed(2)}`);
      }
      if (b.valueFrom !== undefined && b.valueTo !== undefined && b.valueFrom > b.valueTo) problems.push(`${at}: valueFrom ${b.valueFrom} is above valueTo ${b.valueTo}`);
    }
  });
  const last = spec.bands[spec.bands.length - 1];
  if (last && previousTo !== null && max !== null && previousTo < max) problems.push(`${path}.bands[${spec.bands.length - 1}]: ends at ${last.to}, leaving up to ${spec.max} uncovered (a gap)`);
  return problems;
}
