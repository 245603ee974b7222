import { roundRationalHalfUp } from "../scoring/fixed-point";

/** A mean kept exact: the integer sum, the count, and the mean rounded half-up (null when empty). */
export interface ExactMean {
  count: number;
  sum: number;
  /** sum / count rounded half-up to the same unit as the values (e.g. hundredths), or null. */
  mean: number | null;
}

/**
 * The mean of integer values (e.g. published indices in hundredths), summed exactly in integers
 * and rounded half-up once at the end: 2.21, 2.19, 3.04 → 745 / 3 = 248.33… → 248.
 */
export function exactMean(values: readonly number[]): ExactMean {
  let sum = 0;
  for (const v of values) sum += v;
  return { count: values.length, sum, mean: values.length ? roundRationalHalfUp(sum, values.length, 0) : null };
}

/** The mean of integer levels in hundredths, half-up (levels 1, 2, 2 → 167). Null when empty. */
export function meanLevelHundredths(sum: number, count: number): number | null {
  return count > 0 ? roundRationalHalfUp(sum, count, 2) : null;
}

/** Compares two exact means sum/count without division (negative when a < b). */
export function compareMeans(a: { sum: number; count: number }, b: { sum: number; count: number }): number {
  return a.sum * b.count - b.sum * a.count;
}

/**
 * Competition ranking by value, highest first ("1, 2, 2, 4"): equal values share a rank. Returns
 * the rank of each item in input order.
 */
export function rankDescending(values: readonly number[]): number[] {
  return values.map((v) => 1 + values.filter((w) => w > v).length);
}

/** One histogram bucket [from, to) of integer hundredths; the last bucket includes `to`. */
export interface Bucket {
  from: number;
  to: number;
  count: number;
}

/**
 * Counts values (integer hundredths) in equal buckets from 0 to `max`: with width 50 and max 500,
 * [0,0.5), [0.5,1.0), … [4.5,5.0]. Values above `max` count in the last bucket.
 */
export function histogram(values: readonly number[], width = 50, max = 500): Bucket[] {
  const n = Math.ceil(max / width);
  const buckets: Bucket[] = Array.from({ length: n }, (_, i) => ({ from: i * width, to: Math.min((i + 1) * width, max), count: 0 }));
  for (const v of values) buckets[Math.max(0, Math.min(n - 1, Math.floor(v / width)))]!.count++;
  return buckets;
}
