/**
 * The minimum number of SKM respondents for a population of service users, PermenPANRB 14/2017,
 * which points to the Krejcie & Morgan (1970) table (reference e-services.md §2.5, [C]). The
 * population is the number of users of the service in the survey period.
 *
 * The table is data, used as published; the formula behind it (95 %, P = 0.5, d = 0.05) is not
 * recomputed, because compliance is judged against the table. Between two rows we take the next
 * higher row (the conservative reading; the reference's proposal, [U]: the regulation does not say).
 * The answer is never more than the population itself (N = 11 needs 11, not the 14 of the row 15),
 * a population under 10 must be surveyed in full, and above 1,000,000 the answer stays 384.
 */

/** [population N, minimum respondents n], ascending in N. */
export const KREJCIE_MORGAN_TABLE: readonly (readonly [number, number])[] = [
  [10, 10], [15, 14], [20, 19], [25, 24], [30, 28], [35, 32], [40, 36], [45, 40], [50, 44], [55, 48],
  [60, 52], [65, 56], [70, 59], [75, 63], [80, 66], [85, 70], [90, 73], [95, 76], [100, 80], [110, 86],
  [120, 92], [130, 97], [140, 103], [150, 108], [160, 113], [170, 118], [180, 123], [190, 127], [200, 132], [210, 136],
  [220, 140], [230, 144], [240, 148], [250, 152], [260, 155], [270, 159], [280, 162], [290, 165], [300, 169], [320, 175],
  [340, 181], [360, 186], [380, 191], [400, 196], [420, 201], [440, 205], [460, 210], [480, 214], [500, 217], [550, 226],
  [600, 234], [650, 242], [700, 248], [750, 254], [800, 260], [850, 265], [900, 269], [950, 274], [1000, 278], [1100, 285],
  [1200, 291], [1300, 297], [1400, 302], [1500, 306], [1600, 310], [1700, 313], [1800, 317], [1900, 320], [2000, 322], [2200, 327],
  [2400, 331], [2600, 335], [2800, 338], [3000, 341], [3500, 346], [4000, 351], [4500, 354], [5000, 357], [6000, 361], [7000, 364],
  [8000, 367], [9000, 368], [10000, 370], [15000, 375], [20000, 377], [30000, 379], [40000, 380], [50000, 381], [75000, 382], [1000000, 384],
];

/** The largest sample the table asks for, whatever the population. */
export const KREJCIE_MORGAN_MAX = 384;

/** A population that is not a whole number of at least 1. */
export class PopulationError extends RangeError {
  constructor(readonly population: unknown) {
    super(`population must be a whole number of at least 1, not ${String(population)}`);
    this.name = "PopulationError";
  }
}

/** The minimum respondents for `population` service users (see the file comment for between rows). */
export function minimumRespondents(population: number): number {
  if (!Number.isSafeInteger(population) || population < 1) throw new PopulationError(population);
  // Binary search for the first row with N ≥ population.
  let lo = 0;
  let hi = KREJCIE_MORGAN_TABLE.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (KREJCIE_MORGAN_TABLE[mid]![0] < population) lo = mid + 1;
    else hi = mid;
  }
  const row = KREJCIE_MORGAN_TABLE[lo];
  return Math.min(population, row ? row[1] : KREJCIE_MORGAN_MAX);
}
