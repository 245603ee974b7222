/**
 * A period's schedule: each stage's opening and closing dates (ISO `YYYY-MM-DD`, both days
 * included, in Indonesian time). A stage without an entry is not time-bound. `today` is passed in:
 * the core reads no clock.
 */
export type StageSchedule = Partial<Record<string, { opens: string; closes: string }>>;

/** Where today falls in a stage's window. */
export type StageWindowState = "unscheduled" | "not_open" | "open" | "closed";

export interface StageWindow {
  state: StageWindowState;
  opens: string | null;
  closes: string | null;
  /** Whole days from today to the closing day while open (0 = closes today); null otherwise. */
  daysLeft: number | null;
  /** Whole days until the stage opens while not yet open; null otherwise. */
  daysUntilOpen: number | null;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of an ISO date (throws RangeError on anything else). */
function dayNumber(iso: string): number {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new RangeError(`${iso} is not a YYYY-MM-DD date`);
  return daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date, without the clock's Date (H. Hinnant's
 * days_from_civil). Like Date.UTC, a month past 12 or a day past the month's end carries over.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y0 = year + Math.floor((month - 1) / 12);
  const m = ((((month - 1) % 12) + 12) % 12) + 1;
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Today against one stage's window in the schedule. */
export function stageWindow(schedule: StageSchedule, stage: string, today: string): StageWindow {
  const entry = schedule[stage];
  if (!entry) return { state: "unscheduled", opens: null, closes: null, daysLeft: null, daysUntilOpen: null };
  const [t, o, c] = [dayNumber(today), dayNumber(entry.opens), dayNumber(entry.closes)];
  if (t < o) return { state: "not_open", opens: entry.opens, closes: entry.closes, daysLeft: null, daysUntilOpen: o - t };
  if (t > c) return { state: "closed", opens: entry.opens, closes: entry.closes, daysLeft: null, daysUntilOpen: null };
  return { state: "open", opens: entry.opens, closes: entry.closes, daysLeft: c - t, daysUntilOpen: null };
}

/**
 * Why work in a stage is refused on `today` because of the schedule: `stage_not_open` before the
 * opening day, `stage_closed` after the closing day, or null (open, or no dates for that stage).
 */
export function scheduleRefusal(schedule: StageSchedule, stage: string, today: string): "stage_not_open" | "stage_closed" | null {
  const { state } = stageWindow(schedule, stage, today);
  return state === "not_open" ? "stage_not_open" : state === "closed" ? "stage_closed" : null;
}

/** A window must open on or before it closes. */
export function isValidWindow(opens: string, closes: string): boolean {
  return dayNumber(opens) <= dayNumber(closes);
}
