/**
 * Working days (hari kerja) of an Indonesian government office: Monday to Friday, minus the national
 * holidays and cuti bersama of the year's SKB 3 Menteri and the region's own holidays, all given as
 * data (holiday files, see holiday-file.ts). Dates are ISO calendar days in Asia/Jakarta; nothing here
 * reads a clock.
 *
 * Counting rule: a period of n working days starts on the day after the start date, so a complaint
 * received on Friday with 3 working days is due on Wednesday (Mon 1, Tue 2, Wed 3), and one received
 * on a Saturday or a holiday starts counting on the next working day. The deadline is therefore
 * always a working day. A day in a year that has no national holiday file is an error by default:
 * a deadline must not silently ignore a year's holidays (`uncoveredYears: "weekends-only"` to allow it).
 */
import type { HolidayFile, HolidayKind } from "./holiday-file";
import { CalendarError, isoDayNumber, isoFromDayNumber, weekdayOfDayNumber } from "./iso-date";

export interface CalendarHoliday {
  date: string;
  kind: HolidayKind;
  name: string;
  /** "ID" or the Kemendagri code of the file it came from. */
  region: string;
  confirmed: boolean;
}

export interface WorkingCalendar {
  /** The region it was built for: "ID" (national days only) or a Kemendagri code. */
  region: string;
  /** Weekdays that are never worked, 0 = Sunday … 6 = Saturday. */
  weekend: readonly number[];
  holidays: ReadonlyMap<number, readonly CalendarHoliday[]>;
  /** The years with a national file, and whether that file is official or provisional. */
  years: ReadonlyMap<number, "official" | "provisional">;
  uncoveredYears: "error" | "weekends-only";
}

/** Whether a holiday file applies to `region`. */
export function fileAppliesTo(file: Pick<HolidayFile, "region" | "includeSubregions">, region: string): boolean {
  return file.region === "ID" || file.region === region || (Boolean(file.includeSubregions) && region.startsWith(`${file.region}.`));
}

/**
 * A calendar for one region from holiday files (national ones and any regional ones; files for other
 * regions are skipped). Two national files for one year are an error.
 */
export function buildCalendar(
  files: readonly HolidayFile[],
  options: { region?: string; weekend?: readonly number[]; uncoveredYears?: "error" | "weekends-only" } = {},
): WorkingCalendar {
  const region = options.region ?? "ID";
  if (!/^(ID|\d{2}(\.\d{2})?)$/.test(region)) throw new CalendarError(`region is "ID" or a Kemendagri code such as "15.71", not ${JSON.stringify(region)}`);
  const weekend = [...new Set(options.weekend ?? [0, 6])].sort();
  if (weekend.length >= 7 || weekend.some((d) => !Number.isInteger(d) || d < 0 || d > 6)) throw new CalendarError(`weekend must be some of the weekdays 0–6, not all: ${JSON.stringify(options.weekend)}`);
  const holidays = new Map<number, CalendarHoliday[]>();
  const years = new Map<number, "official" | "provisional">();
  for (const f of files) {
    if (!fileAppliesTo(f, region)) continue;
    if (f.region === "ID") {
      if (years.has(f.year)) throw new CalendarError(`two national holiday files for ${f.year}`);
      years.set(f.year, f.status);
    }
    for (const d of f.days) {
      const day = isoDayNumber(d.date);
      const list = holidays.get(day) ?? [];
      list.push({ date: d.date, kind: d.kind, name: d.name, region: f.region, confirmed: d.confirmed ?? true });
      holidays.set(day, list);
    }
  }
  return { region, weekend, holidays, years, uncoveredYears: options.uncoveredYears ?? "error" };
}

function checkCovered(day: number, cal: WorkingCalendar): void {
  if (cal.uncoveredYears === "weekends-only") return;
  const year = Number(isoFromDayNumber(day).slice(0, 4));
  if (!cal.years.has(year)) throw new CalendarError(`no holiday calendar for ${year}: add seed/holidays/${year}.json (the SKB 3 Menteri of that year)`);
}

function isWorkingDayNumber(day: number, cal: WorkingCalendar): boolean {
  checkCovered(day, cal);
  return !cal.weekend.includes(weekdayOfDayNumber(day)) && !cal.holidays.has(day);
}

/** True on a weekday that is no holiday or cuti bersama of the calendar. */
export function isWorkingDay(iso: string, cal: WorkingCalendar): boolean {
  return isWorkingDayNumber(isoDayNumber(iso), cal);
}

/** The holidays on a date (empty on a working day or a plain weekend). */
export function holidaysOn(iso: string, cal: WorkingCalendar): readonly CalendarHoliday[] {
  return cal.holidays.get(isoDayNumber(iso)) ?? [];
}

/** The date itself when it is a working day, else the first working day after it (a due date on a holiday moves forward). */
export function nextWorkingDay(iso: string, cal: WorkingCalendar): string {
  let day = isoDayNumber(iso);
  while (!isWorkingDayNumber(day, cal)) day++;
  return isoFromDayNumber(day);
}

/**
 * The n-th working day after `iso` (the start day is not counted). n = 0 gives `nextWorkingDay(iso)`;
 * a negative n counts back (the n-th working day before), e.g. for a reminder before a deadline.
 */
export function addWorkingDays(iso: string, n: number, cal: WorkingCalendar): string {
  if (!Number.isSafeInteger(n)) throw new CalendarError(`a number of working days is a whole number, not ${n}`);
  if (n === 0) return nextWorkingDay(iso, cal);
  let day = isoDayNumber(iso);
  const step = n > 0 ? 1 : -1;
  for (let left = Math.abs(n); left > 0; ) {
    day += step;
    if (isWorkingDayNumber(day, cal)) left--;
  }
  return isoFromDayNumber(day);
}

/**
 * The working days after `from` up to and including `to` (so `workingDaysBetween(d, addWorkingDays(d, n)) = n`);
 * negative when `to` is before `from`, 0 for the same day.
 */
export function workingDaysBetween(from: string, to: string, cal: WorkingCalendar): number {
  const a = isoDayNumber(from);
  const b = isoDayNumber(to);
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let count = 0;
  for (let day = lo + 1; day <= hi; day++) if (isWorkingDayNumber(day, cal)) count++;
  return sign * count;
}

/** Whether a span of dates touches a year whose holiday file is provisional (its dates estimated). */
export function spansProvisionalYear(from: string, to: string, cal: WorkingCalendar): boolean {
  const [a, b] = [Number(from.slice(0, 4)), Number(to.slice(0, 4))].sort((x, y) => x - y) as [number, number];
  for (let y = a; y <= b; y++) if (cal.years.get(y) === "provisional") return true;
  return false;
}
