import type { CompiledInstrument } from "./compile-instrument";

/**
 * How the index is compared with the predicate thresholds. The 2023 national results compared the
 * index rounded half-up to two decimals (`rounded2`); the 2024 results compared the unrounded index
 * (`exact`). See docs/scoring.md.
 */
export type PredicatePolicy = "exact" | "rounded2";
export const PREDICATE_POLICIES: readonly PredicatePolicy[] = ["exact", "rounded2"];

/** Rounds a non-negative integer scaled by 10^places half-up to hundredths (32825 @4 → 329). */
export function roundScaledToHundredths(scaled: number, places: number): number {
  if (places <= 2) return scaled * 10 ** (2 - places);
  const step = 10 ** (places - 2);
  return Math.floor((scaled + step / 2) / step);
}

/** Rounds an index held in ten-thousandths half-up to hundredths (32825 → 329). */
export function roundTenThousandthsToHundredths(index10k: number): number {
  return roundScaledToHundredths(index10k, 4);
}

/**
 * The predicate for a value held exactly as an integer scaled by 10^places (3.282 @4 → 32820).
 * `bands` run from the highest threshold down; each is inclusive at its minimum.
 */
export function predicateForScaled(
  bands: CompiledInstrument["predicates"],
  scaled: number,
  places: number,
  policy: PredicatePolicy,
): string {
  const compared = policy === "rounded2" ? roundScaledToHundredths(scaled, places) : scaled;
  const factor = policy === "rounded2" ? 1 : 10 ** (places - 2);
  for (const b of bands) if (compared >= b.minHundredths * factor) return b.name;
  return bands[bands.length - 1]!.name;
}

/** The predicate for an overall index held exactly in ten-thousandths. */
export function predicateFor(compiled: CompiledInstrument, index10k: number, policy: PredicatePolicy): string {
  return predicateForScaled(compiled.predicates, index10k, 4, policy);
}
