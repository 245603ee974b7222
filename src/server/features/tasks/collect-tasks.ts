import { agenciesOf, assignmentsInForce, hasRole, isAdministrator, isServiceRole, officerRolesOf, type Actor, type Stage, type WorkingCalendar } from "../../../core";
import type { Db } from "../../../db/client";
import { actionsDueOf, applicationsWaitingFor, assignmentsOfUser, openAssessmentsFor, openClarificationsOf, type OpenAssessmentRow, type WaitingCases } from "../../../db/queries/my-tasks";
import { agencyRolesOf } from "../../policies/application.policy";
import { complaintRolesOf } from "../../policies/complaint.policy";
import { defaultWorkflow } from "../applications/applications-runtime";
import { complaintWorkflow, terminalStates } from "../complaints/complaint-workflow";
import { caseViewOf } from "../complaints/complaints.presenter";
import { agencyComplaints } from "../../../db/queries/complaints";
import { instrumentById } from "../../../lib/instrument-files";
import { assignedAs, canAdvance, canAnswer, canReadAssessment, canReview, canSubmit, canVerify, type AssessmentScope } from "../../policies/assessment.policy";
import { clarificationSide } from "../../policies/collaboration.policy";
import { isoDaysAfter } from "../../../lib/iso-days";
import type { TaskItem } from "./tasks.schema";

/** Actions due within this many days (and every overdue one) are listed. */
export const ACTIONS_DUE_WITHIN_DAYS = 30;

/** Agency roles that carry out or oversee improvement actions. */
const ACTION_ROLES = ["koordinator_spbe", "penanggung_jawab", "pimpinan"] as const;

/**
 * What waits for the actor today, built from the same policies as the pages the tasks link to:
 * only assessments the actor may read, assignments only while their role is held
 * (`assignmentsInForce`), and only the acts the workspace would offer (answer, verify, submit,
 * close a stage, review, reply in a clarification). Improvement actions come from the actor's own
 * agencies; a Koordinator Provinsi follows the rounds its province runs.
 */
/** The moment tasks are collected at, and the working calendar of an agency (complaint deadlines count in working days). */
export interface TaskClock {
  now: Date;
  calendarOf(agencyCode: string): WorkingCalendar;
}

export async function collectTasks(db: Db, actor: Actor, today: string, clock: TaskClock): Promise<TaskItem[]> {
  const assignments = await assignmentsOfUser(db, actor.userId);
  const provinces = actor.grants.filter((g) => g.role === "koordinator_provinsi" && g.agencyId !== null).map((g) => g.agencyId!);
  const rows = await openAssessmentsFor(db, {
    agencyIds: agenciesOf(actor),
    assessmentIds: [...new Set(assignments.map((a) => a.assessmentId))],
    ownerAgencyIds: provinces,
    pendingReview: hasRole(actor, "tim_reviu"),
    all: isAdministrator(actor),
  });
  const tasks: TaskItem[] = [];
  const readable: { row: OpenAssessmentRow; scope: AssessmentScope }[] = [];
  for (const row of rows) {
    const mine = assignmentsInForce(
      actor,
      row.agencyId,
      assignments.filter((a) => a.assessmentId === row.id),
    ).map((a) => ({ role: a.role, indicatorCodes: a.indicatorCodes }));
    const scope: AssessmentScope = { agencyId: row.agencyId, stage: row.stage, reviewStatus: row.reviewStatus, assignments: mine, periodOwnerAgencyId: row.ownerAgencyId };
    if (!canReadAssessment(actor, scope)) continue;
    readable.push({ row, scope });
    if (actor.canWrite) tasks.push(...assessmentTasks(actor, row, scope, today));
  }
  tasks.push(...monitorTasks(readable.map((r) => r.row), provinces, today));

  if (actor.canWrite) {
    const byId = new Map(readable.map((r) => [r.row.id, r]));
    for (const thread of await openClarificationsOf(db, [...byId.keys()])) {
      const { row, scope } = byId.get(thread.assessmentId)!;
      const side = clarificationSide(actor, scope, thread.indicatorCode);
      // Waiting for this side: the other side wrote last.
      if (!side || thread.lastSide === null || thread.lastSide === side) continue;
      tasks.push({ ...base(row, today), kind: "clarification", count: 0, indicator: thread.indicatorCode, link: `/penilaian/${row.id}?klarifikasi=${encodeURIComponent(thread.indicatorCode)}` });
    }
  }

  const actionAgencies = [...new Set(actor.grants.filter((g) => g.agencyId !== null && (ACTION_ROLES as readonly string[]).includes(g.role)).map((g) => g.agencyId!))];
  for (const a of await actionsDueOf(db, actionAgencies, isoDaysAfter(today, ACTIONS_DUE_WITHIN_DAYS))) {
    tasks.push({
      kind: "action",
      count: 0,
      agency: { code: a.agencyCode, name: a.agencyName },
      period: null,
      stage: null,
      indicator: null,
      title: a.title,
      deadline: a.dueDate,
      overdue: a.dueDate !== null && a.dueDate < today,
      link: `/rekomendasi/${encodeURIComponent(a.agencyCode)}`,
    });
  }
  if (actor.canWrite) tasks.push(...(await serviceTasks(db, actor, today, clock)));
  return tasks;
}

/**
 * A service officer's (petugas/pejabat layanan) queues, per agency served: online applications in
 * a state their workflow roles act in (unclaimed or theirs; overdue when past the state's
 * deadline) and open complaints in a state their roles act in — the counts the workbench and the
 * complaints inbox open on.
 */
async function serviceTasks(db: Db, actor: Actor, today: string, clock: TaskClock): Promise<TaskItem[]> {
  const served = [...new Set(actor.grants.filter((g) => g.agencyId !== null && isServiceRole(g.role)).map((g) => g.agencyId!))];
  const out: TaskItem[] = [];
  const item = (kind: "applications" | "complaints", w: WaitingCases, link: string): TaskItem => ({
    kind,
    count: w.count,
    agency: { code: w.agencyCode, name: w.agencyName },
    period: null,
    stage: null,
    indicator: null,
    title: null,
    deadline: w.nearestDeadline,
    overdue: w.overdue > 0,
    link,
  });
  for (const agencyId of served) {
    const applicationRoles = officerRolesOf(defaultWorkflow(), agencyRolesOf(actor, agencyId));
    const waiting = await applicationsWaitingFor(db, { agencyId, roles: applicationRoles, userId: actor.userId, today });
    if (waiting) out.push(item("applications", waiting, `/layanan-masuk/${encodeURIComponent(waiting.agencyCode)}`));
    const def = complaintWorkflow();
    const roles = officerRolesOf(def, complaintRolesOf(actor, agencyId));
    const states = new Set(def.states.filter((s) => !s.terminal && !s.waitsForCitizen && (s.roles ?? []).some((r) => roles.includes(r))).map((s) => s.id));
    if (!states.size) continue;
    const open = (await agencyComplaints(db, agencyId, { openOnly: true, terminalStates: terminalStates(def) })).filter((r) => states.has(r.complaint.state));
    if (!open.length) continue;
    // Complaint deadlines are not stored: the engine computes them from the history on the agency's calendar.
    const deadlines = open.map((r) => caseViewOf(def, r.transitions, clock.calendarOf(r.agencyCode), clock.now).stateSla?.deadline ?? null).filter((d): d is string => d !== null).sort();
    const first = open[0]!;
    out.push(item("complaints", { agencyId, agencyCode: first.agencyCode, agencyName: first.agencyName, count: open.length, overdue: deadlines.filter((d) => d < today).length, nearestDeadline: deadlines[0] ?? null }, `/pengaduan-masuk/${encodeURIComponent(first.agencyCode)}`));
  }
  return out;
}

/** The fields every assessment task shares; the deadline is the open stage's closing day. */
function base(row: OpenAssessmentRow, today: string): Omit<TaskItem, "kind" | "count"> {
  const deadline = row.schedule[row.stage]?.closes ?? null;
  return {
    agency: { code: row.agencyCode, name: row.agencyName },
    period: row.periodName,
    stage: row.stage,
    indicator: null,
    title: null,
    deadline,
    overdue: deadline !== null && deadline < today,
    link: `/penilaian/${row.id}`,
  };
}

/** Fill, verify, assess, submit, close a stage or review: what the workspace offers the actor on one assessment. */
function assessmentTasks(actor: Actor, row: OpenAssessmentRow, scope: AssessmentScope, today: string): TaskItem[] {
  const out: TaskItem[] = [];
  const common = base(row, today);
  const codes = instrumentById(row.instrumentId)?.codes ?? [];
  const answered = new Set(row.answeredCodes);
  const open = codes.filter((c) => !answered.has(c));
  const stage = row.stage as Stage;
  if (stage === "mandiri") {
    // An internal assessor limited to some indicators counts only those.
    const fillable = open.filter((c) => canAnswer(actor, scope, stage, c));
    if (fillable.length) out.push({ ...common, kind: "fill", count: fillable.length });
    if (canVerify(actor, scope) && row.unverified > 0) out.push({ ...common, kind: "verify", count: row.unverified });
    if (canSubmit(actor, scope) && scope.reviewStatus !== "pending") out.push({ ...common, kind: "submit", count: open.length });
  } else {
    if (assignedAs(actor, scope, "asesor_eksternal").length && canAnswer(actor, scope, stage)) out.push({ ...common, kind: "assess", count: open.length });
    if (canAdvance(actor, scope)) out.push({ ...common, kind: "close_stage", count: 0 });
  }
  if (canReview(actor, scope)) out.push({ ...common, deadline: null, overdue: false, kind: "review", count: 0 });
  return out;
}

/**
 * A Koordinator Provinsi follows each round its province runs: per period and open stage, how many
 * agencies are still in it and when it closes.
 */
function monitorTasks(rows: OpenAssessmentRow[], provinces: number[], today: string): TaskItem[] {
  const groups = new Map<string, { row: OpenAssessmentRow; count: number }>();
  for (const row of rows) {
    if (row.ownerAgencyId === null || !provinces.includes(row.ownerAgencyId) || row.reviewStatus === "pending") continue;
    const key = `${row.periodId}:${row.stage}`;
    const g = groups.get(key);
    if (g) g.count += 1;
    else groups.set(key, { row, count: 1 });
  }
  return [...groups.values()].map(({ row, count }) => {
    const deadline = row.schedule[row.stage]?.closes ?? null;
    return { kind: "monitor", count, agency: null, period: row.periodName, stage: row.stage, indicator: null, title: null, deadline, overdue: deadline !== null && deadline < today, link: "/penilaian" };
  });
}
