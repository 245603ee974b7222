import { describeCase, type CaseView, type SlaClock, type WorkflowActor, type WorkflowDefinition, type WorkingCalendar } from "../../../core";
import { transitionOf } from "../../../db/commands/complaints";
import { systemReasonOfRow } from "../../../db/queries/system-reason";
import type { ComplaintRow, ComplaintTransitionRow } from "../../../db/queries/complaints";

type Named = { complaint: ComplaintRow; serviceName: string | null; unitName: string | null; agencyCode: string; agencyName: string; transitions: ComplaintTransitionRow[] };

/** The engine's view of a complaint now (never before its last transition). */
export function caseViewOf(def: WorkflowDefinition, transitions: ComplaintTransitionRow[], calendar: WorkingCalendar, now: Date, actor?: WorkflowActor): CaseView {
  const last = transitions[transitions.length - 1]!.at;
  return describeCase(def, transitions.map(transitionOf), { calendar, now: (now < last ? last : now).toISOString(), ...(actor ? { actor } : {}) });
}

const clock = (c: SlaClock | null) => (c ? { workingDays: c.workingDays, deadline: c.deadline, daysLeft: c.daysLeft, status: c.status, provisional: c.provisional } : null);
const isReporter = (t: ComplaintTransitionRow) => t.actorRole === "pelapor";
const history = (ts: ComplaintTransitionRow[]) =>
  ts.filter((t) => t.action !== "claim" && t.action !== "release").map((t) => ({ action: t.action, from: t.fromState, to: t.toState, at: t.at.toISOString(), reason: t.reason, systemReason: systemReasonOfRow(t) ?? null, byReporter: isReporter(t) }));

/** What the reporter sees (tracking page, a citizen's list). */
export function presentTracked(r: Named, view: CaseView) {
  const c = r.complaint;
  return {
    trackingNumber: c.trackingNumber,
    agency: { code: r.agencyCode, name: r.agencyName },
    service: c.serviceId !== null && r.serviceName !== null ? { id: c.serviceId, name: r.serviceName } : null,
    category: c.category as never,
    title: c.title,
    description: c.description,
    state: view.state,
    terminal: view.terminal,
    filedAt: c.createdAt.toISOString(),
    stateSla: clock(view.stateSla),
    autoClose: view.autoAction ? { on: view.autoAction.on } : null,
    answer: c.answer,
    history: history(r.transitions),
    actions: view.actions.filter((a) => a.refusal === null && a.roles.includes("pelapor")).map((a) => ({ action: a.action, reasonRequired: a.reasonRequired })),
  };
}

/** One row of the officers' inbox. */
export function presentSummary(r: Named, view: CaseView, actorId: string) {
  const c = r.complaint;
  return {
    id: c.id,
    trackingNumber: c.trackingNumber,
    title: c.title,
    category: c.category as never,
    service: c.serviceId !== null && r.serviceName !== null ? { id: c.serviceId, name: r.serviceName } : null,
    state: view.state,
    terminal: view.terminal,
    filedAt: c.createdAt.toISOString(),
    anonymous: c.anonymous,
    confidential: c.confidential,
    dispositionUnit: c.dispositionUnitId !== null && r.unitName !== null ? { id: c.dispositionUnitId, name: r.unitName } : null,
    claim: view.claim ? { actorId: view.claim.actorId, mine: view.claim.actorId === actorId, at: view.claim.at } : null,
    stateSla: clock(view.stateSla),
    laporTrackingId: c.laporTrackingId,
  };
}

/** The officer's page of one complaint; the identity only when neither anonymous nor confidential. */
export function presentDetail(
  r: Named & { attachments: { id: number; fileName: string; fileType: string; size: number }[]; identityViews: { at: Date; reason: string | null; userName: string | null }[] },
  view: CaseView,
  actorId: string,
  handle: boolean,
) {
  const c = r.complaint;
  const removed = c.personalDataRemovedAt !== null;
  return {
    ...presentSummary(r, view, actorId),
    description: c.description,
    location: c.location,
    channel: c.channel,
    answer: c.answer,
    reporter: c.anonymous || c.confidential || removed ? null : { name: c.reporterName, email: c.reporterEmail, phone: c.reporterPhone },
    personalDataRemoved: removed,
    retainUntil: c.retainUntil,
    history: r.transitions.map((t) => ({ action: t.action, from: t.fromState, to: t.toState, at: t.at.toISOString(), reason: t.reason, systemReason: systemReasonOfRow(t) ?? null, byReporter: isReporter(t), actorRole: t.actorRole })),
    attachments: r.attachments,
    identityViews: r.identityViews.map((v) => ({ at: v.at.toISOString(), reason: v.reason, userName: v.userName })),
    actions: view.actions
      .filter((a) => !a.roles.every((role) => role === "pelapor" || role === "sistem"))
      .map((a) => ({ action: a.action, to: a.to, reasonRequired: a.reasonRequired, allowed: handle && a.refusal === null, refusal: handle ? (a.refusal?.code ?? null) : "role_not_allowed" })),
    abilities: { handle },
  };
}
