/**
 * What the officers' queue needs of a case, computed once per transition from the engine's view and
 * stored beside the application (state, claim, roles, deadlines), so the queue is one indexed read.
 * Pure: the caller passes the definition, the view and the calendar.
 */
import { isoDayNumber, isoFromDayNumber } from "../calendar/iso-date";
import { isWorkingDay, type WorkingCalendar } from "../calendar/working-days";
import type { CaseView } from "../workflows/engine";
import type { WorkflowDefinition } from "../workflows/workflow-schema";

export interface CaseColumns {
  state: string;
  terminal: boolean;
  paused: boolean;
  claimedByUserId: number | null;
  stateRoles: string[];
  stateDeadline: string | null;
  dueSoonFrom: string | null;
  caseDeadline: string | null;
}

/** The working day `n` working days before `iso` (n = 0: `iso` itself). */
export function workingDaysBefore(iso: string, n: number, cal: WorkingCalendar): string {
  let d = isoDayNumber(iso);
  let left = n;
  while (left > 0) {
    d -= 1;
    if (isWorkingDay(isoFromDayNumber(d), cal)) left -= 1;
  }
  return isoFromDayNumber(d);
}

/** Officer actors are `u:<user id>`; anything else (citizen `c:…`, `system`) holds no officer claim. */
export function officerUserId(actorId: string): number | null {
  const m = /^u:(\d+)$/.exec(actorId);
  return m ? Number(m[1]) : null;
}

export function caseColumnsOf(def: WorkflowDefinition, view: CaseView, cal: WorkingCalendar): CaseColumns {
  const officer = new Set(def.roles.filter((r) => r.kind === "officer").map((r) => r.id));
  const state = def.states.find((s) => s.id === view.state);
  const sla = view.stateSla;
  return {
    state: view.state,
    terminal: view.terminal,
    paused: view.waitingForCitizen,
    claimedByUserId: view.claim ? officerUserId(view.claim.actorId) : null,
    stateRoles: (state?.roles ?? []).filter((r) => officer.has(r)),
    stateDeadline: sla?.deadline ?? null,
    dueSoonFrom: sla?.deadline ? workingDaysBefore(sla.deadline, sla.escalateWorkingDaysBefore, cal) : null,
    caseDeadline: view.caseSla?.deadline ?? null,
  };
}

/** The queue's SLA filters. */
export const QUEUE_SLA_FILTERS = ["on_track", "due_soon", "breached", "paused"] as const;
export type QueueSlaFilter = (typeof QUEUE_SLA_FILTERS)[number];

/** A stored case's SLA status on `today` from its columns (the same rule the queue filter uses in SQL). */
export function slaStatusOn(c: Pick<CaseColumns, "paused" | "stateDeadline" | "dueSoonFrom" | "terminal">, today: string): QueueSlaFilter | null {
  if (c.terminal) return null;
  if (c.paused) return "paused";
  if (!c.stateDeadline) return null;
  if (c.stateDeadline < today) return "breached";
  if (c.dueSoonFrom !== null && c.dueSoonFrom <= today) return "due_soon";
  return "on_track";
}

/** Alphabet of tracking numbers and check values: no 0/O, 1/I/L, so they read aloud and type cleanly. */
export const TRACKING_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/** Turns random bytes (passed in) into `n` characters of the tracking alphabet. */
export function trackingChars(bytes: ArrayLike<number>, n: number): string {
  let out = "";
  for (let i = 0; i < n; i++) out += TRACKING_ALPHABET[(bytes[i] ?? 0) % TRACKING_ALPHABET.length];
  return out;
}

/** A tracking number such as `PL-2612-7K3M9QAB` (year and month of submission, eight random characters). */
export function trackingNumberOf(today: string, bytes: ArrayLike<number>): string {
  return `PL-${today.slice(2, 4)}${today.slice(5, 7)}-${trackingChars(bytes, 8)}`;
}
