import type { CompiledInstrument } from "./compile-instrument";
import { ScoringError } from "./scoring-error";

/**
 * The heart of the official formula: Σ(level × weight) with weights in integer hundredths of a
 * percent, so the index is exactly the result / 10 000 (PermenPANRB 59/2020 BAB II.B: because the
 * weights nest exactly, the weighted averages per aspect and domain collapse to this one sum).
 * `levels` is aligned with `compiled.codes`. Throws on a level that is not an integer in range.
 */
export function indexNumerator(compiled: CompiledInstrument, levels: ArrayLike<number>): number {
  const { weights, levelMin, levelMax } = compiled;
  const n = weights.length;
  if (levels.length !== n) {
    throw new ScoringError("missing_levels", `expected ${n} levels, got ${levels.length}`, { codes: [] });
  }
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const level = levels[i]!;
    if (!(level >= levelMin && level <= levelMax && (level | 0) === level)) invalidLevel(compiled, compiled.codes[i]!, level);
    sum += level * weights[i]!;
  }
  return sum;
}

/** Throws the error for a level that is not an integer within the instrument's range. */
export function invalidLevel(compiled: CompiledInstrument, code: string, level: unknown): never {
  throw new ScoringError("invalid_level", `indicator ${code}: level ${String(level)} is not an integer from ${compiled.levelMin} to ${compiled.levelMax}`, {
    codes: [code],
    values: [level],
  });
}
