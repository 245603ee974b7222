/**
 * Calendar days as ISO strings ("YYYY-MM-DD"), by integer arithmetic on a day count: no Date object,
 * no time zone, so a date means the same day in the browser, the server and a test. A moment in time
 * (epoch milliseconds, passed in by the caller) becomes the calendar day in Asia/Jakarta (WIB,
 * UTC+7 all year: Indonesia has no daylight saving) with `calendarDayAt`.
 */
import { civilFromDays, daysFromCivil } from "../planning/due-dates";

/** A bad date, a year without a holiday calendar, or a bad holiday file. */
export class CalendarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CalendarError";
  }
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a valid ISO date; throws CalendarError on "2026-02-30" or any other text. */
export function isoDayNumber(iso: string): number {
  const m = ISO.exec(iso);
  if (m) {
    const days = daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
    if (civilFromDays(days) === iso) return days;
  }
  throw new CalendarError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(iso)}`);
}

/** The ISO date of a day number. */
export function isoFromDayNumber(days: number): string {
  return civilFromDays(days);
}

/** True for a valid ISO date. */
export function isIsoDate(value: string): boolean {
  const m = ISO.exec(value);
  return m !== null && civilFromDays(daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]))) === value;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDayNumber(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

export function weekdayOf(iso: string): number {
  return weekdayOfDayNumber(isoDayNumber(iso));
}

/** The year of an ISO date (already validated). */
export const yearOf = (iso: string): number => Number(iso.slice(0, 4));

/** WIB, UTC+7, in minutes. WITA is +480, WIT +540. */
export const WIB_OFFSET_MINUTES = 420;

/** The calendar day at a moment (epoch milliseconds) in a zone with a fixed offset (default WIB). */
export function calendarDayAt(epochMs: number, offsetMinutes = WIB_OFFSET_MINUTES): string {
  if (!Number.isFinite(epochMs)) throw new CalendarError(`not a moment: ${epochMs}`);
  return civilFromDays(Math.floor((epochMs + offsetMinutes * 60_000) / 86_400_000));
}
