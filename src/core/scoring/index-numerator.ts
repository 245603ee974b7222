import type { CompiledInstrument } from "./compile-instrument";
import { hundredths, toScaledInt } from "./fixed-point";
import type { Instrument, InstrumentNode } from "../instruments/types";
import { ScoringError } from "./scoring-error";

/**
 * One indicator's value as integer hundredths (1.26 → 126, level 3 → 300), checked against the
 * instrument's range and the indicator's value step (whole levels unless the instrument declares
 * decimals). Throws `ScoringError` "invalid_level" naming the indicator.
 */
export function valueHundredths(compiled: CompiledInstrument, position: number, value: unknown): number {
  const h = checkedHundredths(compiled, position, value);
  if (h === null) invalidLevel(compiled, compiled.codes[position]!, value);
  return h;
}

function checkedHundredths(compiled: CompiledInstrument, position: number, value: unknown): number | null {
  return hundredthsInRange({ min: compiled.levelMin, max: compiled.levelMax }, compiled.steps[position]!, value);
}

/** A value as hundredths when it lies in levels.min..max on the step grid (step in hundredths), else null. */
export function hundredthsInRange(levels: { min: number; max: number }, step: number, value: unknown): number | null {
  const h = typeof value === "number" ? toScaledInt(value) : null;
  if (h === null || h < levels.min * 100 || h > levels.max * 100 || (h - levels.min * 100) % step !== 0) return null;
  return h;
}

/** The value step of an indicator in hundredths: its own `valueStep`, else the instrument's, else whole levels (100). */
export function valueStepHundredths(instrument: Instrument, node: InstrumentNode): number {
  return hundredths(node.valueStep ?? instrument.valueStep ?? 1);
}

/** Why `value` is not allowed for the indicator at `position` ("2.5 is not an integer from 1 to 5"), or null when it is. */
export function valueProblem(compiled: CompiledInstrument, position: number, value: unknown): string | null {
  return checkedHundredths(compiled, position, value) === null ? `${String(value)} is not ${valueRangeText(compiled, position)}` : null;
}

/** How an indicator's values are described in messages: "an integer from 1 to 5" or "a value from 1.00 to 5.00 in steps of 0.01". */
export function valueRangeText(compiled: CompiledInstrument, position: number): string {
  const step = compiled.steps[position]!;
  const { levelMin: min, levelMax: max } = compiled;
  if (step === 100) return `an integer from ${min} to ${max}`;
  return `a value from ${min.toFixed(2)} to ${max.toFixed(2)} in steps of ${(step / 100).toFixed(2)}`;
}

/**
 * Σ(value × weight) over hundredths: Σ(value hundredths × weight hundredths) / 100, a whole number
 * (the validator keeps value step × weight within four decimals), so the index is exactly the result
 * / 10 000. This is the official formula (PermenPANRB 59/2020 BAB II.B, 8/2026 Lampiran B): because
 * the weights nest exactly, the weighted averages per aspect and domain collapse to this one sum.
 */
export function numeratorOfHundredths(compiled: CompiledInstrument, values: ArrayLike<number>): number {
  const { weights } = compiled;
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += values[i]! * weights[i]!;
  return sum / 100;
}

/**
 * The index numerator in ten-thousandths for values aligned with `compiled.codes` (levels, or
 * decimals where the instrument declares them). Throws on a missing or invalid value.
 */
export function indexNumerator(compiled: CompiledInstrument, levels: ArrayLike<number>): number {
  const n = compiled.weights.length;
  if (levels.length !== n) {
    throw new ScoringError("missing_levels", `expected ${n} levels, got ${levels.length}`, { codes: [] });
  }
  const values = new Int32Array(n);
  for (let i = 0; i < n; i++) values[i] = valueHundredths(compiled, i, levels[i]);
  return numeratorOfHundredths(compiled, values);
}

/** Throws the error for a value that is not allowed for the indicator. */
export function invalidLevel(compiled: CompiledInstrument, code: string, level: unknown): never {
  const position = compiled.position.get(code);
  const allowed = position === undefined ? `an integer from ${compiled.levelMin} to ${compiled.levelMax}` : valueRangeText(compiled, position);
  throw new ScoringError("invalid_level", `indicator ${code}: level ${String(level)} is not ${allowed}`, {
    codes: [code],
    values: [level],
  });
}
