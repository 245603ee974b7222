/**
 * The workflow engine: a case is its history (an append-only list of transitions, each with the actor,
 * the role they acted in and the moment), replayed against the workflow definition. Everything is
 * computed from that history, a working calendar and "now", all passed in: the current state, the
 * claim, who may take which action, and the deadlines with their status. Nothing here reads a clock.
 *
 * Clocks. A state with `slaWorkingDays: n` is due on the n-th working day after the day the case
 * entered it (calendar/working-days.ts: the entry day is not counted, so a deadline is always a working
 * day — one that would fall on a weekend or holiday is the next working day). Time in a state that
 * waits for the citizen does not count: the day the clock stops counts as used, the day it resumes does
 * not. When a case comes back from such a pause into the state it left (e.g. verification → correction
 * requested → verification), the state's clock goes on with the working days it had left, unless the
 * state says `afterPause: "restart"`. The case clock (the workflow's `slaWorkingDays`, the service
 * standard's jangka waktu) runs from `start` to the first terminal state, pauses excluded.
 */
import { workingDaysLeft } from "../calendar/complaint-deadlines";
import { calendarDayAt, WIB_OFFSET_MINUTES } from "../calendar/iso-date";
import { addWorkingDays, spansProvisionalYear, workingDaysBetween, type WorkingCalendar } from "../calendar/working-days";
import { parseInstant, WorkflowError } from "./instant";
import { DEFAULT_ESCALATE_WORKING_DAYS, type RoleKind, type WorkflowAction, type WorkflowDefinition, type WorkflowState } from "./workflow-schema";

/** One entry of a case's history (the audit trail of the workflow). */
export interface Transition {
  /** A workflow action id, or a built-in one: `start`, `claim`, `release`. */
  action: string;
  /** The state before (null for `start`). */
  from: string | null;
  /** The state after (the same as `from` for `claim`, `release` and an action that stays). */
  to: string;
  actor: { id: string; role: string };
  /** ISO instant with its zone. */
  at: string;
  reason?: string;
  /** A reason the system gave, as a code and values the interface words in its language (`reason` holds its Indonesian wording). */
  systemReason?: SystemReason;
}

/** A system-given reason: a code the interface translates, with the values its wording needs. */
export interface SystemReason {
  code: string;
  params: Record<string, string | number>;
}

/**
 * The codes of the reasons the system gives: an application's automatic action after the applicant
 * did nothing (`workingDays`, `deadline`), a complaint closed when the reporter left the answer unanswered.
 */
export const SYSTEM_REASON_CODES = { applicationAutoAction: "application_auto_action", complaintAutoClose: "complaint_auto_close" } as const;

/** Who asks to act: an id and the workflow roles they hold. */
export interface WorkflowActor {
  id: string;
  roles: readonly string[];
}

export interface ActionRequest {
  action: string;
  actor: WorkflowActor;
  /** ISO instant with its zone, not before the last transition. */
  at: string;
  reason?: string;
  systemReason?: SystemReason;
}

/** Why an action is refused, with the HTTP status the API answers. */
export type RefusalCode =
  | "unknown_action"
  | "action_not_allowed_in_state"
  | "role_not_allowed"
  | "claim_required"
  | "already_claimed"
  | "not_claimed"
  | "reason_required";

export const REFUSAL_STATUS: Record<RefusalCode, 400 | 403 | 409> = {
  unknown_action: 400,
  action_not_allowed_in_state: 409,
  role_not_allowed: 403,
  claim_required: 409,
  already_claimed: 409,
  not_claimed: 409,
  reason_required: 400,
};

export interface Refusal {
  code: RefusalCode;
  status: 400 | 403 | 409;
  message: string;
}

export type ApplyResult = { ok: true; transition: Transition } | { ok: false; refusal: Refusal };

export interface Claim {
  actorId: string;
  role: string;
  at: string;
}

/** A stretch of time the case spent in one state (a new one starts whenever the state changes). */
export interface Visit {
  state: string;
  /** Epoch ms and WIB day of entry and exit (null while the case is still there). */
  enteredMs: number;
  enteredOn: string;
  leftMs: number | null;
  leftOn: string | null;
}

/** The case as its history makes it. */
export interface ReplayedCase {
  state: string;
  enteredAt: string;
  claim: Claim | null;
  visits: Visit[];
  lastMs: number;
}

export type SlaStatus = "on_track" | "due_soon" | "breached" | "paused" | "met" | "missed";

/** A deadline clock (of the current state, or of the whole case). */
export interface SlaClock {
  workingDays: number;
  /** The last working day allowed; null while paused with days left. */
  deadline: string | null;
  /** Working days counted so far (up to today, or up to the pause or the end). */
  usedWorkingDays: number;
  /** Working days left from today (0 on the deadline, negative once past it); null while paused. */
  daysLeft: number | null;
  status: SlaStatus;
  escalateWorkingDaysBefore: number;
  /** The deadline lies in a year whose holiday file is provisional. */
  provisional: boolean;
}

export interface AvailableAction {
  action: string;
  to: string;
  roles: string[];
  reasonRequired: boolean;
  requiresClaim: boolean;
  builtIn: boolean;
  /** Only when an actor was given: whether they may take it now, or why not. */
  refusal?: Refusal | null;
}

export interface CaseView {
  state: string;
  terminal: boolean;
  waitingForCitizen: boolean;
  enteredAt: string;
  claim: Claim | null;
  actions: AvailableAction[];
  stateSla: SlaClock | null;
  caseSla: SlaClock | null;
  /** The action the system takes by itself in this state, and the day it is taken. */
  autoAction: { action: string; on: string; due: boolean } | null;
}

export interface EngineOptions {
  /** Minutes east of UTC of the office's zone (WIB 420 by default; WITA 480, WIT 540). */
  zoneOffsetMinutes?: number;
}

const stateOf = (def: WorkflowDefinition, id: string): WorkflowState => {
  const s = def.states.find((x) => x.id === id);
  if (!s) throw new WorkflowError(`state "${id}" is not in workflow ${def.id} v${def.version}`);
  return s;
};
const roleKind = (def: WorkflowDefinition, role: string): RoleKind | undefined => def.roles.find((r) => r.id === role)?.kind;
/** The roles that may take `a` in `s`: the action's roles that act in the state (all the state's when the action names none). */
const actionRoles = (a: WorkflowAction, s: WorkflowState): string[] => (a.roles ? a.roles.filter((r) => (s.roles ?? []).includes(r)) : (s.roles ?? []));
const needsClaim = (a: WorkflowAction, s: WorkflowState): boolean => a.requiresClaim ?? s.requiresClaim ?? false;
const officerRoles = (def: WorkflowDefinition, s: WorkflowState) => (s.roles ?? []).filter((r) => roleKind(def, r) === "officer");

/**
 * Replays a history against its workflow: the current state, the claim and the visits. Throws
 * WorkflowError when the history does not fit the workflow (it was not made by applyAction).
 */
export function replayCase(def: WorkflowDefinition, history: readonly Transition[], options: EngineOptions = {}): ReplayedCase {
  const zone = options.zoneOffsetMinutes ?? WIB_OFFSET_MINUTES;
  const first = history[0];
  if (!first) throw new WorkflowError("an empty history: the case has not started");
  if (first.action !== "start" || first.from !== null || first.to !== def.initialState) {
    throw new WorkflowError(`history[0] must be "start" into "${def.initialState}"`);
  }
  let state = first.to;
  let lastMs = parseInstant(first.at);
  let claim: Claim | null = null;
  const visits: Visit[] = [{ state, enteredMs: lastMs, enteredOn: calendarDayAt(lastMs, zone), leftMs: null, leftOn: null }];
  let enteredAt = first.at;
  history.forEach((t, i) => {
    if (i === 0) return;
    const ms = parseInstant(t.at);
    if (ms < lastMs) throw new WorkflowError(`history[${i}] at ${t.at} is earlier than the transition before it`);
    if (t.from !== state) throw new WorkflowError(`history[${i}] leaves "${t.from}" but the case is in "${state}"`);
    lastMs = ms;
    if (t.action === "claim" || t.action === "release") {
      if (t.to !== state) throw new WorkflowError(`history[${i}] ${t.action} changes the state`);
      claim = t.action === "claim" ? { actorId: t.actor.id, role: t.actor.role, at: t.at } : null;
      return;
    }
    const a = def.actions.find((x) => x.id === t.action);
    if (!a || !a.from.includes(state) || a.to !== t.to) throw new WorkflowError(`history[${i}] "${t.action}" from "${state}" to "${t.to}" is not an action of workflow ${def.id} v${def.version}`);
    if (t.to === state) return;
    const day = calendarDayAt(ms, zone);
    const open = visits[visits.length - 1]!;
    open.leftMs = ms;
    open.leftOn = day;
    visits.push({ state: t.to, enteredMs: ms, enteredOn: day, leftMs: null, leftOn: null });
    state = t.to;
    enteredAt = t.at;
    claim = null;
  });
  return { state, enteredAt, claim, visits, lastMs };
}

/** Whether `actor` may take `action` now, and in which role; the refusal otherwise. */
function check(def: WorkflowDefinition, c: ReplayedCase | null, req: Omit<ActionRequest, "at">): { role: string } | Refusal {
  const refuse = (code: RefusalCode, message: string): Refusal => ({ code, status: REFUSAL_STATUS[code], message });
  const pick = (allowed: readonly string[]) => allowed.find((r) => req.actor.roles.includes(r));
  const reasonGiven = (req.reason ?? "").trim().length > 0;

  if (req.action === "start") {
    if (c) return refuse("action_not_allowed_in_state", "the case has already started");
    const role = pick(def.startRoles);
    return role ? { role } : refuse("role_not_allowed", `only ${def.startRoles.join(", ")} may open a case`);
  }
  if (!c) return refuse("action_not_allowed_in_state", "the case has not started");
  const s = stateOf(def, c.state);
  const closed = s.terminal === true;

  if (req.action === "claim") {
    if (closed || s.waitsForCitizen) return refuse("action_not_allowed_in_state", `nobody claims a case in "${s.id}"`);
    const role = pick(officerRoles(def, s));
    if (!role) return refuse("role_not_allowed", `only ${officerRoles(def, s).join(", ")} may claim a case in "${s.id}"`);
    if (c.claim) return refuse("already_claimed", c.claim.actorId === req.actor.id ? "you have already claimed this case" : "another officer has claimed this case");
    return { role };
  }
  if (req.action === "release") {
    if (!c.claim) return refuse("not_claimed", "the case is not claimed");
    if (c.claim.actorId === req.actor.id) return { role: c.claim.role };
    const role = pick(def.supervisorRoles ?? []);
    if (!role) return refuse("claim_required", "only the officer who claimed the case, or a supervisor, may release it");
    if (!reasonGiven) return refuse("reason_required", "releasing another officer's claim needs a reason");
    return { role };
  }

  const a = def.actions.find((x) => x.id === req.action);
  if (!a) return refuse("unknown_action", `workflow ${def.id} has no action "${req.action}"`);
  if (closed || !a.from.includes(s.id)) return refuse("action_not_allowed_in_state", `"${a.id}" cannot be taken in "${s.id}"`);
  const allowed = actionRoles(a, s);
  const role = pick(allowed);
  if (!role) return refuse("role_not_allowed", `"${a.id}" is for ${allowed.join(", ")}`);
  if (needsClaim(a, s) && c.claim?.actorId !== req.actor.id) {
    return refuse("claim_required", c.claim ? "another officer has claimed this case: only they may act" : `claim the case before "${a.id}"`);
  }
  if (a.reasonRequired && !reasonGiven) return refuse("reason_required", `"${a.id}" needs a reason`);
  return { role };
}

/**
 * Takes an action on a case: the new transition to append to the history, or a typed refusal
 * (unknown action 400, not in this state 409, role 403, claim 409, reason 400). `start` opens a case
 * (on an empty history); `claim` / `release` are built in.
 */
export function applyAction(def: WorkflowDefinition, history: readonly Transition[], req: ActionRequest, options: EngineOptions = {}): ApplyResult {
  const c = history.length === 0 ? null : replayCase(def, history, options);
  if (c && parseInstant(req.at) < c.lastMs) throw new WorkflowError(`${req.at} is earlier than the last transition`);
  if (!c) parseInstant(req.at);
  const r = check(def, c, req);
  if ("code" in r) return { ok: false, refusal: r };
  const reason = req.reason?.trim();
  const to = req.action === "start" ? def.initialState : req.action === "claim" || req.action === "release" ? c!.state : def.actions.find((x) => x.id === req.action)!.to;
  const transition: Transition = { action: req.action, from: c ? c.state : null, to, actor: { id: req.actor.id, role: r.role }, at: req.at };
  if (reason) transition.reason = reason;
  if (req.systemReason) transition.systemReason = req.systemReason;
  return { ok: true, transition };
}

/** A clock over stretches of counted time (WIB days; `to` null while running). */
function runClock(segments: { from: string; to: string | null }[], n: number, cal: WorkingCalendar): { deadline: string | null; used: number; running: boolean; overrun: boolean } {
  let remaining = n;
  let used = 0;
  for (const seg of segments) {
    if (seg.to === null) return { deadline: addWorkingDays(seg.from, remaining, cal), used, running: true, overrun: false };
    const u = workingDaysBetween(seg.from, seg.to, cal);
    if (u > remaining) return { deadline: addWorkingDays(seg.from, remaining, cal), used: used + u, running: false, overrun: true };
    remaining -= u;
    used += u;
  }
  return { deadline: null, used, running: false, overrun: false };
}

function clockView(
  segments: { from: string; to: string | null }[],
  n: number,
  escalate: number,
  today: string,
  finished: boolean,
  cal: WorkingCalendar,
): SlaClock {
  const r = runClock(segments, n, cal);
  const start = segments[0]?.from ?? today;
  const base = { workingDays: n, escalateWorkingDaysBefore: escalate, deadline: r.deadline, provisional: spansProvisionalYear(start, r.deadline ?? today, cal) };
  if (r.running) {
    const open = segments[segments.length - 1]!;
    const used = r.used + Math.max(0, workingDaysBetween(open.from, today, cal));
    const daysLeft = workingDaysLeft(today, r.deadline!, cal);
    const status: SlaStatus = daysLeft < 0 ? "breached" : daysLeft <= escalate ? "due_soon" : "on_track";
    return { ...base, usedWorkingDays: used, daysLeft, status };
  }
  if (finished) return { ...base, usedWorkingDays: r.used, daysLeft: null, status: r.overrun ? "missed" : "met" };
  if (r.overrun) return { ...base, usedWorkingDays: r.used, daysLeft: workingDaysLeft(today, r.deadline!, cal), status: "breached" };
  return { ...base, usedWorkingDays: r.used, daysLeft: null, status: "paused" };
}

/**
 * The case now: its state, claim, the actions of the state (with, for `actor`, whether they may take
 * each one), the deadline of the state and of the whole case with their status, and the automatic
 * action. `now` is an ISO instant not before the last transition.
 */
export function describeCase(
  def: WorkflowDefinition,
  history: readonly Transition[],
  input: { calendar: WorkingCalendar; now: string; actor?: WorkflowActor } & EngineOptions,
): CaseView {
  const zone = input.zoneOffsetMinutes ?? WIB_OFFSET_MINUTES;
  const c = replayCase(def, history, input);
  const nowMs = parseInstant(input.now);
  if (nowMs < c.lastMs) throw new WorkflowError(`now (${input.now}) is earlier than the last transition`);
  const today = calendarDayAt(nowMs, zone);
  const cal = input.calendar;
  const s = stateOf(def, c.state);
  const terminal = s.terminal === true;
  const waits = s.waitsForCitizen === true;
  const escalateOf = (st?: WorkflowState) => st?.escalateWorkingDaysBefore ?? def.escalateWorkingDaysBefore ?? DEFAULT_ESCALATE_WORKING_DAYS;

  // The state's clock: this visit, plus earlier visits of the same state it returned to from a pause.
  let stateSla: SlaClock | null = null;
  if (s.slaWorkingDays !== undefined && !terminal && !waits) {
    const v = c.visits;
    let k = v.length - 1;
    const segs: { from: string; to: string | null }[] = [{ from: v[k]!.enteredOn, to: null }];
    while (s.afterPause !== "restart" && k >= 2 && stateOf(def, v[k - 1]!.state).waitsForCitizen === true && v[k - 2]!.state === s.id) {
      k -= 2;
      segs.unshift({ from: v[k]!.enteredOn, to: v[k]!.leftOn });
    }
    stateSla = clockView(segs, s.slaWorkingDays, escalateOf(s), today, false, cal);
  }

  // The case clock: from start to the first terminal state, waiting states left out.
  let caseSla: SlaClock | null = null;
  if (def.slaWorkingDays !== undefined) {
    const segs: { from: string; to: string | null }[] = [];
    let open: { from: string; to: string | null } | null = null;
    let finished = false;
    for (const v of c.visits) {
      const vs = stateOf(def, v.state);
      if (vs.terminal) {
        finished = true;
        break;
      }
      if (vs.waitsForCitizen) {
        open = null;
        continue;
      }
      if (!open) {
        open = { from: v.enteredOn, to: v.leftOn };
        segs.push(open);
      } else open.to = v.leftOn;
    }
    caseSla = clockView(segs, def.slaWorkingDays, escalateOf(), today, finished, cal);
  }

  let autoAction: CaseView["autoAction"] = null;
  if (s.autoAction && !terminal) {
    const on = addWorkingDays(c.visits[c.visits.length - 1]!.enteredOn, s.autoAction.afterWorkingDays, cal);
    autoAction = { action: s.autoAction.action, on, due: today >= on };
  }

  const actions: AvailableAction[] = [];
  const withRefusal = (a: AvailableAction, reason?: string): AvailableAction => {
    if (!input.actor) return a;
    const r = check(def, c, { action: a.action, actor: input.actor, reason: reason ?? (a.reasonRequired ? "(reason)" : undefined) });
    return { ...a, refusal: "code" in r ? r : null };
  };
  if (!terminal) {
    if (!waits && officerRoles(def, s).length > 0) {
      if (c.claim) actions.push(withRefusal({ action: "release", to: s.id, roles: [...new Set([...officerRoles(def, s), ...(def.supervisorRoles ?? [])])], reasonRequired: false, requiresClaim: true, builtIn: true }, "(reason)"));
      else actions.push(withRefusal({ action: "claim", to: s.id, roles: officerRoles(def, s), reasonRequired: false, requiresClaim: false, builtIn: true }));
    }
    for (const a of def.actions) {
      if (!a.from.includes(s.id)) continue;
      actions.push(withRefusal({ action: a.id, to: a.to, roles: actionRoles(a, s), reasonRequired: a.reasonRequired ?? false, requiresClaim: needsClaim(a, s), builtIn: false }));
    }
  }
  return { state: c.state, terminal, waitingForCitizen: waits, enteredAt: c.enteredAt, claim: c.claim, actions, stateSla, caseSla, autoAction };
}
