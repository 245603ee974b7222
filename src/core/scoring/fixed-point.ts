/**
 * Exact fixed-point helpers. Weights, predicate thresholds and published values are decimals with
 * at most two places, so we hold them as integer hundredths and never accumulate floating point.
 */

/** Converts a decimal with at most `places` places to an integer count of 10^-places, or null. */
export function toScaledInt(value: number, places = 2): number | null {
  if (!Number.isFinite(value)) return null;
  const factor = 10 ** places;
  const scaled = Math.round(value * factor);
  // Accept only values that really have at most `places` decimals (allowing binary noise).
  if (Math.abs(scaled - value * factor) > 1e-6) return null;
  return scaled;
}

/** Integer hundredths of a two-decimal value; throws if it has more places. */
export function hundredths(value: number): number {
  const h = toScaledInt(value, 2);
  if (h === null) throw new RangeError(`${value} has more than two decimal places`);
  return h;
}

/**
 * Rounds the rational num/den half-up to `places` decimals and returns the scaled integer
 * (e.g. 3.285 at 2 places → 329). num and den are non-negative integers, den > 0.
 */
export function roundRationalHalfUp(num: number, den: number, places: number): number {
  const factor = 10 ** places;
  return Math.floor((2 * num * factor + den) / (2 * den));
}

/** A scaled integer as a plain number (329 at 2 places → 3.29). */
export function fromScaledInt(scaled: number, places: number): number {
  return Number((scaled / 10 ** places).toFixed(places));
}
