import type { WorkingCalendar } from "../core/calendar/working-days";
import { loadWorkingCalendar } from "../lib/holiday-files";
import type { AppContext } from "./context";

const calendars = new WeakMap<Pick<AppContext, "holidaysDir">, Map<string, WorkingCalendar>>();

/**
 * The working calendar deadlines are counted in for a region ("ID", a province "15" or a kab/kota
 * "15.71"): the bundled national holiday files (seed/holidays) plus PANDU_HOLIDAYS_DIR, read once per
 * region and process. A year without a national file counts weekends only instead of failing a
 * request (`spansProvisionalYear` / the calendar's `years` tell the UI to mark such a deadline).
 */
export function workingCalendarOf(ctx: Pick<AppContext, "holidaysDir">, region: string): WorkingCalendar {
  let byRegion = calendars.get(ctx);
  if (!byRegion) calendars.set(ctx, (byRegion = new Map()));
  let cal = byRegion.get(region);
  if (!cal) {
    cal = loadWorkingCalendar({ region, extraDirs: ctx.holidaysDir ? [ctx.holidaysDir] : [], uncoveredYears: "weekends-only" });
    byRegion.set(region, cal);
  }
  return cal;
}
