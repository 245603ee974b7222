import { BUILT_IN_ACTIONS, WorkflowDefinitionSchema, type RoleKind, type WorkflowDefinition } from "./workflow-schema";

/** Stable codes of the problems of a workflow definition. */
export type WorkflowProblemCode =
  | "invalid_shape"
  | "duplicate_id"
  | "reserved_action_id"
  | "unknown_role"
  | "unknown_state"
  | "unknown_action"
  | "no_terminal_state"
  | "initial_state_terminal"
  | "terminal_with_actions"
  | "terminal_with_sla"
  | "sla_on_waiting_state"
  | "waiting_without_citizen"
  | "state_without_roles"
  | "role_not_in_state"
  | "unreachable_state"
  | "no_path_to_terminal"
  | "claim_not_possible"
  | "bad_auto_action"
  | "escalation_not_before_deadline";

/** One problem, at a JSON path into the file such as `actions[3].from[1]`. */
export interface WorkflowProblem {
  path: string;
  code: WorkflowProblemCode;
  message: string;
}

export type WorkflowValidation = { ok: true; workflow: WorkflowDefinition; problems: [] } | { ok: false; problems: WorkflowProblem[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const strings = (v: unknown): { value: string; index: number }[] => list(v).flatMap((x, index) => (typeof x === "string" ? [{ value: x, index }] : []));

/** The roles that may take an action in a state (as the engine computes them). */
const effectiveRoles = (a: { roles: { value: string }[] | undefined }, s: { roles: string[] | undefined }): string[] =>
  a.roles ? a.roles.map((r) => r.value).filter((r) => !s.roles || s.roles.includes(r)) : (s.roles ?? []);

function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || "(root)";
}

interface StateInfo {
  id: string;
  at: string;
  roles: string[] | undefined;
  terminal: boolean;
  waits: boolean;
  sla: number | undefined;
  escalate: number | undefined;
  requiresClaim: boolean;
  raw: Record<string, unknown>;
}

interface ActionInfo {
  id: string;
  at: string;
  from: { value: string; index: number }[];
  to: string | undefined;
  roles: { value: string; index: number }[] | undefined;
  requiresClaim: boolean | undefined;
}

/**
 * Checks a workflow definition completely and reports every problem with its path: the shapes (zod)
 * first, then in the order of the file duplicate ids, reserved action ids, references to unknown roles,
 * states and actions, terminal states (at least one; no outgoing actions, no SLA), waiting states (no
 * SLA of their own, a citizen or the system must be able to act), roles of an action that the state
 * does not have, claims nobody can make, auto-actions, escalation at or after the deadline, states
 * that cannot be reached from the initial state and states from which no terminal state can be reached.
 */
export function validateWorkflow(input: unknown): WorkflowValidation {
  const problems: WorkflowProblem[] = [];
  const add = (path: string, code: WorkflowProblemCode, message: string) => problems.push({ path: path || "(root)", code, message });
  if (!isObject(input)) {
    add("", "invalid_shape", "expected a workflow object");
    return { ok: false, problems };
  }
  const parsed = WorkflowDefinitionSchema.safeParse(input);
  if (!parsed.success) for (const i of parsed.error.issues) add(formatPath(i.path), "invalid_shape", i.message);

  // Roles.
  const roleKinds = new Map<string, RoleKind>();
  const seenRoles = new Map<string, string>();
  list(input.roles).forEach((r, i) => {
    if (!isObject(r)) return;
    const id = str(r.id);
    if (id === undefined) return;
    const at = `roles[${i}].id`;
    if (seenRoles.has(id)) add(at, "duplicate_id", `role "${id}" is already declared at ${seenRoles.get(id)}`);
    else seenRoles.set(id, `roles[${i}]`);
    if (r.kind === "officer" || r.kind === "citizen" || r.kind === "system") roleKinds.set(id, r.kind);
  });
  const checkRoles = (v: unknown, at: string) => {
    for (const { value, index } of strings(v)) if (!seenRoles.has(value)) add(`${at}[${index}]`, "unknown_role", `unknown role "${value}"`);
  };
  checkRoles(input.startRoles, "startRoles");
  checkRoles(input.supervisorRoles, "supervisorRoles");
  for (const { value, index } of strings(input.supervisorRoles)) {
    if (roleKinds.has(value) && roleKinds.get(value) !== "officer") add(`supervisorRoles[${index}]`, "role_not_in_state", `supervisor role "${value}" is not an officer role`);
  }

  // States.
  const states = new Map<string, StateInfo>();
  const stateOrder: StateInfo[] = [];
  list(input.states).forEach((s, i) => {
    if (!isObject(s)) return;
    const id = str(s.id);
    if (id === undefined) return;
    const at = `states[${i}]`;
    const prev = states.get(id);
    if (prev) return add(`${at}.id`, "duplicate_id", `state "${id}" is already declared at ${prev.at}`);
    const roles = Array.isArray(s.roles) ? strings(s.roles).map((r) => r.value) : undefined;
    const info: StateInfo = {
      id,
      at,
      roles,
      terminal: s.terminal === true,
      waits: s.waitsForCitizen === true,
      sla: typeof s.slaWorkingDays === "number" ? s.slaWorkingDays : undefined,
      escalate: typeof s.escalateWorkingDaysBefore === "number" ? s.escalateWorkingDaysBefore : undefined,
      requiresClaim: s.requiresClaim === true,
      raw: s,
    };
    states.set(id, info);
    stateOrder.push(info);
    checkRoles(s.roles, `${at}.roles`);
    if (info.terminal) {
      if (info.sla !== undefined) add(`${at}.slaWorkingDays`, "terminal_with_sla", "a terminal state has no deadline");
      if (s.autoAction !== undefined) add(`${at}.autoAction`, "terminal_with_actions", "a terminal state takes no automatic action");
    } else if (!roles || roles.length === 0) {
      add(`${at}.roles`, "state_without_roles", "a state that is not terminal needs the roles that act in it");
    }
    if (info.waits && info.sla !== undefined) add(`${at}.slaWorkingDays`, "sla_on_waiting_state", "a state waiting for the citizen stops the clocks; it has no SLA of its own");
    if (info.waits && info.requiresClaim) add(`${at}.requiresClaim`, "claim_not_possible", "the citizen does not claim a case: a waiting state cannot require a claim");
    if (info.waits && info.terminal) add(`${at}.waitsForCitizen`, "terminal_with_actions", "a terminal state does not wait for anyone");
    if (info.sla !== undefined && info.escalate !== undefined && info.escalate >= info.sla) {
      add(`${at}.escalateWorkingDaysBefore`, "escalation_not_before_deadline", `escalating ${info.escalate} working day(s) before a ${info.sla}-day deadline would escalate on entry`);
    }
  });
  if (stateOrder.length > 0 && !stateOrder.some((s) => s.terminal)) add("states", "no_terminal_state", "no state is terminal: a case could never end");

  const initial = str(input.initialState);
  if (initial !== undefined && stateOrder.length > 0) {
    const s = states.get(initial);
    if (!s) add("initialState", "unknown_state", `unknown state "${initial}"`);
    else if (s.terminal) add("initialState", "initial_state_terminal", `the initial state "${initial}" is terminal`);
  }

  // Actions.
  const actions = new Map<string, ActionInfo>();
  const actionOrder: ActionInfo[] = [];
  list(input.actions).forEach((a, i) => {
    if (!isObject(a)) return;
    const id = str(a.id);
    if (id === undefined) return;
    const at = `actions[${i}]`;
    if ((BUILT_IN_ACTIONS as readonly string[]).includes(id)) add(`${at}.id`, "reserved_action_id", `"${id}" is a built-in action (${BUILT_IN_ACTIONS.join(", ")})`);
    const prev = actions.get(id);
    if (prev) return add(`${at}.id`, "duplicate_id", `action "${id}" is already declared at ${prev.at}`);
    const info: ActionInfo = {
      id,
      at,
      from: strings(a.from),
      to: str(a.to),
      roles: Array.isArray(a.roles) ? strings(a.roles) : undefined,
      requiresClaim: typeof a.requiresClaim === "boolean" ? a.requiresClaim : undefined,
    };
    actions.set(id, info);
    actionOrder.push(info);
    checkRoles(a.roles, `${at}.roles`);
    if (info.roles && info.roles.length === 0) add(`${at}.roles`, "role_not_in_state", "an action with an empty role list can never be taken");
    const seenFrom = new Set<string>();
    for (const f of info.from) {
      const fAt = `${at}.from[${f.index}]`;
      if (seenFrom.has(f.value)) add(fAt, "duplicate_id", `state "${f.value}" is listed twice`);
      seenFrom.add(f.value);
      const s = states.get(f.value);
      if (!s) {
        add(fAt, "unknown_state", `unknown state "${f.value}"`);
        continue;
      }
      if (s.terminal) add(fAt, "terminal_with_actions", `"${f.value}" is terminal: no action may leave it`);
      const known = (info.roles ?? []).filter((r) => seenRoles.has(r.value));
      if (known.length > 0 && s.roles && !known.some((r) => s.roles!.includes(r.value))) {
        add(fAt, "role_not_in_state", `none of the action's roles acts in state "${f.value}" (its roles: ${s.roles.join(", ") || "none"})`);
      }
      // A waiting state that requires a claim is reported once, at the state.
      const claim = info.requiresClaim ?? (s.waits ? false : s.requiresClaim);
      if (claim) {
        const who = effectiveRoles(info, s);
        if (s.waits || (who.length > 0 && who.every((r) => roleKinds.has(r) && roleKinds.get(r) !== "officer"))) {
          add(info.requiresClaim ? `${at}.requiresClaim` : fAt, "claim_not_possible", `only officers claim a case; "${id}" from "${f.value}" requires a claim nobody can make`);
        }
      }
    }
    for (const r of info.roles ?? []) {
      const inStates = info.from.map((f) => states.get(f.value)).filter((x): x is StateInfo => x !== undefined && x.roles !== undefined);
      if (seenRoles.has(r.value) && inStates.length > 0 && !inStates.some((x) => x.roles!.includes(r.value))) {
        add(`${at}.roles[${r.index}]`, "role_not_in_state", `role "${r.value}" acts in none of the states the action leaves (${info.from.map((f) => f.value).join(", ")})`);
      }
    }
    if (info.to !== undefined && !states.has(info.to) && stateOrder.length > 0) add(`${at}.to`, "unknown_state", `unknown state "${info.to}"`);
  });

  // Waiting states and automatic actions.
  for (const s of stateOrder) {
    const auto = s.raw.autoAction;
    let autoOk = false;
    if (isObject(auto) && typeof auto.action === "string" && !s.terminal) {
      const a = actions.get(auto.action);
      if (!a) add(`${s.at}.autoAction.action`, "unknown_action", `unknown action "${auto.action}"`);
      else if (!a.from.some((f) => f.value === s.id)) add(`${s.at}.autoAction.action`, "bad_auto_action", `action "${auto.action}" is not taken from "${s.id}"`);
      else if (!effectiveRoles(a, s).some((r) => roleKinds.get(r) === "system")) {
        add(`${s.at}.autoAction.action`, "bad_auto_action", `action "${auto.action}" needs a role of kind "system" to be taken automatically`);
      } else autoOk = true;
    }
    if (s.waits && !s.terminal) {
      const citizenCanAct = actionOrder.some(
        (a) => a.from.some((f) => f.value === s.id) && effectiveRoles(a, s).some((r) => roleKinds.get(r) === "citizen"),
      );
      if (!citizenCanAct && !autoOk) add(s.at, "waiting_without_citizen", `the case waits for the citizen in "${s.id}" but no citizen role can act there and nothing happens automatically`);
    }
  }

  // Reachability: forward from the initial state, backward from the terminal states.
  if (initial !== undefined && states.has(initial)) {
    const edges = new Map<string, Set<string>>();
    const back = new Map<string, Set<string>>();
    for (const a of actionOrder) {
      if (a.to === undefined || !states.has(a.to)) continue;
      for (const f of a.from) {
        if (!states.has(f.value)) continue;
        (edges.get(f.value) ?? edges.set(f.value, new Set()).get(f.value)!).add(a.to);
        (back.get(a.to) ?? back.set(a.to, new Set()).get(a.to)!).add(f.value);
      }
    }
    const search = (starts: string[], next: Map<string, Set<string>>) => {
      const seen = new Set(starts);
      const stack = [...starts];
      while (stack.length > 0) {
        for (const n of next.get(stack.pop()!) ?? []) {
          if (seen.has(n)) continue;
          seen.add(n);
          stack.push(n);
        }
      }
      return seen;
    };
    const reachable = search([initial], edges);
    const canEnd = search(
      stateOrder.filter((s) => s.terminal).map((s) => s.id),
      back,
    );
    const hasTerminal = stateOrder.some((s) => s.terminal);
    for (const s of stateOrder) {
      if (!reachable.has(s.id)) add(s.at, "unreachable_state", `state "${s.id}" cannot be reached from the initial state "${initial}"`);
      else if (hasTerminal && !canEnd.has(s.id)) add(s.at, "no_path_to_terminal", `no terminal state can be reached from "${s.id}": a case there never ends`);
    }
  }

  if (problems.length === 0 && parsed.success) return { ok: true, workflow: parsed.data, problems: [] };
  if (problems.length === 0) add("", "invalid_shape", "not a valid workflow");
  return { ok: false, problems };
}
