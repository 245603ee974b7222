import { workingDaysBetween, type WorkingCalendar } from "../calendar/working-days";
import { replayCase, type Transition } from "../workflows/engine";
import type { WorkflowDefinition } from "../workflows/workflow-schema";

/**
 * Whether a complaint (or any workflow case) kept its deadlines: for every state with a deadline in
 * working days, the working days the case spent there must not exceed it. A state the case returned
 * to from a pause (waiting for the citizen) keeps counting, unless the state restarts its clock
 * after a pause (`afterPause: "restart"`): the engine's rule for the state clock. `today` (WIB day)
 * ends a visit that is still open.
 */
export function deadlinesKept(def: WorkflowDefinition, history: readonly Transition[], cal: WorkingCalendar, today: string): boolean {
  const c = replayCase(def, history);
  const used = new Map<string, number>();
  for (const [i, v] of c.visits.entries()) {
    const s = def.states.find((x) => x.id === v.state);
    if (!s || s.slaWorkingDays === undefined || s.terminal || s.waitsForCitizen) continue;
    const days = Math.max(0, workingDaysBetween(v.enteredOn, v.leftOn ?? today, cal));
    const key = s.afterPause === "restart" ? `${s.id}#${i}` : s.id;
    const total = (used.get(key) ?? 0) + days;
    if (total > s.slaWorkingDays) return false;
    used.set(key, total);
  }
  return true;
}

/** One complaint as the dashboard counts it. */
export interface ComplaintTally {
  closed: boolean;
  /** Closed and every deadline kept. */
  closedWithinDeadline: boolean;
  /** Still open and its current deadline has passed. */
  overdue: boolean;
}

/** The complaint figures of a group: volume, SLA compliance of the closed ones, backlog. */
export interface ComplaintFigures {
  received: number;
  closed: number;
  closedWithinDeadline: number;
  /** Percent of the closed ones closed within the deadlines (one decimal, half-up); null with none closed. */
  slaCompliance: number | null;
  open: number;
  overdue: number;
}

/** A share as a percent with one decimal, rounded half-up from the exact fraction (null when there is no whole). */
export function percentOf(part: number, whole: number): number | null {
  if (whole === 0) return null;
  return Math.floor((part * 1000) / whole + 0.5) / 10;
}

/** Adds up complaints into the dashboard's figures. */
export function complaintFigures(rows: readonly ComplaintTally[]): ComplaintFigures {
  const closed = rows.filter((r) => r.closed);
  const kept = closed.filter((r) => r.closedWithinDeadline).length;
  return {
    received: rows.length,
    closed: closed.length,
    closedWithinDeadline: kept,
    slaCompliance: percentOf(kept, closed.length),
    open: rows.length - closed.length,
    overdue: rows.filter((r) => !r.closed && r.overdue).length,
  };
}

export type TrendGranularity = "quarter" | "month";

/** The trend bucket of a day (`YYYY-MM-DD`): `2026-Q1` or `2026-01`. */
export function trendBucket(day: string, granularity: TrendGranularity): string {
  const year = day.slice(0, 4);
  const month = Number(day.slice(5, 7));
  return granularity === "month" ? `${year}-${day.slice(5, 7)}` : `${year}-Q${Math.ceil(month / 3)}`;
}

/** Every bucket of a year, in order (4 quarters or 12 months). */
export function trendBuckets(year: number, granularity: TrendGranularity): string[] {
  return granularity === "month" ? Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`) : [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
}

/**
 * The indicators a dashboard evidence file supports, per instrument: in Indeks Pemdi 2026 the aspect
 * Kepuasan Pengguna Layanan Digital (19 user support facilities, 20 user satisfaction management) and,
 * for applications, Keterpaduan Layanan (15 integrated business processes, 17 service portal); in
 * PermenPANRB 59/2020 the public-service indicators 42 (complaints) and 45 (sector public service 1).
 */
export const SERVICE_EVIDENCE_INDICATORS: Readonly<Record<string, { satisfaction: readonly string[]; applications: readonly string[] }>> = {
  "pemdi-2026": { satisfaction: ["19", "20"], applications: ["15", "17"] },
  "permenpanrb-59-2020": { satisfaction: ["42"], applications: ["45"] },
};
