import type { CaseView, Transition } from "../../../core";
import type { ApplicationRow, FormVersionRow } from "../../../db/queries/applications";

type Row = { application: ApplicationRow; serviceName: string; serviceSlug: string; agencyCode: string; agencyName: string };

export function presentSummary(r: Row) {
  const a = r.application;
  return {
    id: a.id,
    trackingNumber: a.trackingNumber,
    service: { id: a.serviceId, name: r.serviceName, slug: r.serviceSlug },
    agency: { code: r.agencyCode, name: r.agencyName },
    state: a.state,
    terminal: a.terminal,
    paused: a.paused,
    stateDeadline: a.stateDeadline,
    caseDeadline: a.caseDeadline,
    submittedAt: a.submittedAt?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
    hasProduct: a.productDocumentId !== null,
  };
}

export const presentForm = (f: FormVersionRow) => ({ id: f.id, formId: f.formId, version: f.version, status: f.status, serviceId: f.serviceId, definition: f.definition as Record<string, unknown> });

/** The history without officers' identities (the citizen sees roles, not names). */
export const presentHistory = (h: readonly Transition[]) =>
  h.map((t) => ({ action: t.action, from: t.from, to: t.to, at: t.at, reason: t.reason ?? null, systemReason: t.systemReason ?? null, byCitizen: t.actor.id.startsWith("c:"), role: t.actor.role }));

const clock = (c: CaseView["stateSla"]) => (c ? { deadline: c.deadline, status: c.status, daysLeft: c.daysLeft, workingDays: c.workingDays } : null);

export function presentCase(view: CaseView | null) {
  return {
    actions: (view?.actions ?? []).map((a) => ({ action: a.action, reasonRequired: a.reasonRequired, allowed: a.refusal === null, refusal: a.refusal?.code ?? null })),
    stateSla: clock(view?.stateSla ?? null),
    caseSla: clock(view?.caseSla ?? null),
  };
}

/** The reason of the last correction request while the case waits for the citizen. */
export function correctionReason(h: readonly Transition[], paused: boolean): string | null {
  if (!paused) return null;
  for (let i = h.length - 1; i >= 0; i--) if (h[i]!.action === "request_correction") return h[i]!.reason ?? null;
  return null;
}

export const presentFile = (f: { id: string; fieldKey: string; name: string; size: number; mediaType: string }) => ({ id: f.id, field: f.fieldKey, name: f.name, size: f.size, type: f.mediaType });
