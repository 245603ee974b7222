import { createHash, randomBytes } from "node:crypto";
import {
  applyAction,
  calendarDayAt,
  caseColumnsOf,
  describeCase,
  firstRetentionDue,
  isoDayNumber,
  isoFromDayNumber,
  REFUSAL_STATUS,
  trackingChars,
  trackingNumberOf,
  validateApplication,
  type AnswerError,
  type FormDefinition,
  type SystemReason,
  type Transition,
  type WorkflowActor,
  type WorkflowDefinition,
} from "../../../core";
import type { CaseDecision, CaseStep } from "../../../db/commands/applications";
import { bundledWorkflowFiles, readWorkflowFile } from "../../../lib/workflow-files";
import type { AppContext } from "../../context";
import { workingCalendarOf } from "../../working-calendar";

/** The workflow every online application follows until forms name their own. */
export const DEFAULT_WORKFLOW_ID = "permohonan-layanan";

let registry: Map<string, WorkflowDefinition> | null = null;
/** The bundled workflows (workflows/*.json), read once, by `id@version`. */
export function workflowOf(id: string, version: number): WorkflowDefinition {
  if (!registry) {
    registry = new Map();
    for (const f of bundledWorkflowFiles()) {
      const def = readWorkflowFile(f);
      registry.set(`${def.id}@${def.version}`, def);
    }
  }
  const def = registry.get(`${id}@${version}`);
  if (!def) throw new Error(`workflow ${id}@${version} is not bundled`);
  return def;
}

/** Every bundled workflow (each version). */
export function bundledWorkflows(): WorkflowDefinition[] {
  workflowOf(DEFAULT_WORKFLOW_ID, 1);
  return [...registry!.values()];
}

export function defaultWorkflow(): WorkflowDefinition {
  workflowOf(DEFAULT_WORKFLOW_ID, 1);
  return [...registry!.values()].filter((d) => d.id === DEFAULT_WORKFLOW_ID).sort((a, b) => b.version - a.version)[0]!;
}

/** The clock of workflows (tests inject one through the context). */
export const nowOf = (ctx: AppContext): Date => (ctx.clock ? ctx.clock() : new Date());
export const todayOf = (ctx: AppContext): string => calendarDayAt(nowOf(ctx).getTime());

/** Deadlines of an agency's cases count in its region's working days (the agency code is its region). */
export const calendarOfAgency = (ctx: Pick<AppContext, "holidaysDir">, agencyCode: string) => workingCalendarOf(ctx, agencyCode);

export const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** A fresh tracking number and check value (random, from the server; the core formats them). */
export function newTracking(today: string): { trackingNumber: string; check: string } {
  return { trackingNumber: trackingNumberOf(today, randomBytes(8)), check: trackingChars(randomBytes(8), 8) };
}

/** Days after closing an application is kept: the form's default retention, or the longest a field names. */
export function retentionUntil(form: FormDefinition, closedOn: string): string {
  let days = form.defaultRetentionDays ?? 1825;
  const walk = (fields: FormDefinition["fields"]) => {
    for (const f of fields) {
      const r = (f as { retentionDays?: number }).retentionDays;
      if (typeof r === "number" && r > days) days = r;
      if (f.type === "group") walk(f.fields);
    }
  };
  walk(form.fields);
  return isoFromDayNumber(isoDayNumber(closedOn) + days);
}

export interface StoredFile {
  id: string;
  fieldKey: string;
  name: string;
  size: number;
  mediaType: string;
}

/**
 * The answers as the citizen sent them, with every file answer's name/size/type replaced by what was
 * stored for its `ref` (the client's claims about a file are never trusted). A ref that names no
 * file of this application is an error at its path.
 */
export function bindFiles(data: unknown, files: readonly StoredFile[]): { data: unknown; errors: AnswerError[] } {
  const byId = new Map(files.map((f) => [f.id, f]));
  const errors: AnswerError[] = [];
  const walk = (v: unknown, path: string): unknown => {
    if (Array.isArray(v)) return v.map((x, i) => walk(x, `${path}[${i}]`));
    if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (typeof o.ref === "string" && "name" in o) {
        const f = byId.get(o.ref);
        if (!f) {
          errors.push({ path, code: "file_type", params: { reason: "unknown_file" } });
          return o;
        }
        return { ref: f.id, name: f.name, size: f.size, type: f.mediaType };
      }
      return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, walk(x, path ? `${path}.${k}` : k)]));
    }
    return v;
  };
  return { data: walk(data, ""), errors };
}

/** Validates answers against the form (every error at once) after binding files. */
export function checkAnswers(form: FormDefinition, data: unknown, files: readonly StoredFile[], today: string) {
  const bound = bindFiles(data, files);
  const v = validateApplication(form, bound.data, { today });
  const errors = [...bound.errors, ...v.errors];
  return { ok: errors.length === 0, errors, values: v.values };
}

/**
 * One engine step as a command decision: apply the action on the history, then describe the case
 * after it for the queue columns. Refusals carry the engine's code and HTTP status.
 */
export function engineStep(
  def: WorkflowDefinition,
  history: readonly Transition[],
  req: { action: string; actor: WorkflowActor; at: string; reason?: string | undefined; systemReason?: SystemReason | undefined },
  calendarCtx: { ctx: Pick<AppContext, "holidaysDir">; agencyCode: string },
  extra: Omit<CaseStep, "transition" | "columns"> = {},
  /** The application's form: a step into a terminal state sets the retention date from it. */
  form?: FormDefinition,
): CaseDecision {
  const r = applyAction(def, history, { action: req.action, actor: req.actor, at: req.at, ...(req.reason ? { reason: req.reason } : {}), ...(req.systemReason ? { systemReason: req.systemReason } : {}) });
  if (!r.ok) return { ok: false, refusal: { code: r.refusal.code, status: REFUSAL_STATUS[r.refusal.code], message: r.refusal.message } };
  const cal = calendarOfAgency(calendarCtx.ctx, calendarCtx.agencyCode);
  const view = describeCase(def, [...history, r.transition], { calendar: cal, now: req.at });
  const columns = caseColumnsOf(def, view, cal);
  const closedOn = calendarDayAt(Date.parse(req.at));
  const retention = columns.terminal && form ? { retentionUntil: retentionUntil(form, closedOn), retentionDue: firstRetentionDue(form, closedOn) } : {};
  return { ok: true, step: { transition: r.transition, columns, ...extra, ...retention } };
}
