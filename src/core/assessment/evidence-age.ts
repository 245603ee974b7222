/**
 * Level 4 criteria ask for a review or evaluation that is less than two years old (Pedoman 3/2024,
 * e.g. indicator 1 level 4). Dates are ISO `YYYY-MM-DD`; `today` is passed in (the core reads no clock).
 */
export function isEvidenceTooOld(reviewDate: string, today: string, maxYears = 2): boolean {
  const [y, m, d] = reviewDate.split("-").map(Number) as [number, number, number];
  const limit = `${String(y + maxYears).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  return limit <= today;
}
