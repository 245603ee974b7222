/**
 * Due dates for the actions of a roadmap, by pure calendar arithmetic on ISO dates ("YYYY-MM-DD"):
 * no clock here — the caller passes today.
 */

/** Days since 1970-01-01 of a proleptic Gregorian date (integer arithmetic, H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The ISO date of a day count since 1970-01-01 (the inverse of `daysFromCivil`). */
export function civilFromDays(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day count of an ISO date; throws on anything else. */
export function isoToDays(iso: string): number {
  const m = ISO.exec(iso);
  if (!m) throw new RangeError(`not an ISO date: ${iso}`);
  return daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * Spreads `count` steps evenly from `today` to 31 December of `targetYear`: step i (1-based) is due
 * i/count of the way, so the last is due on 31 December and none before tomorrow. A target year
 * already over (or ending today) gives every step 31 December of that year.
 */
export function spreadDueDates(count: number, today: string, targetYear: number): string[] {
  const end = daysFromCivil(targetYear, 12, 31);
  const start = isoToDays(today);
  const span = end - start;
  return Array.from({ length: count }, (_, n) => civilFromDays(span <= 0 ? end : start + Math.max(1, Math.round(((n + 1) * span) / count))));
}
