import { and, asc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../client";
import { agencies, citizenNotifications, complaintAttachments, complaintIdentityAccess, complaintReminders, complaints, complaintTransitions, publicServices, units } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import { notifyUsers, agencyRoleHolders } from "./notify";
import { applyAction, complaintRetainUntil, DEFAULT_COMPLAINT_RETENTION_DAYS, type Refusal, SYSTEM_REASON_CODES, type SystemReason, type Transition, type WorkflowActor, type WorkflowDefinition } from "../../core";
import { systemReasonColumns, systemReasonOfRow } from "../queries/system-reason";


/** Why a complaint command refused; the route turns it into its error. */
export class ComplaintCommandError extends Error {
  constructor(
    readonly reason: "foreign_service" | "foreign_unit" | "refused" | "answer_required",
    readonly details: Record<string, unknown> = {},
    readonly refusal?: Refusal,
  ) {
    super(refusal?.message ?? reason);
  }
}

export interface NewAttachment {
  fileName: string;
  fileType: string;
  size: number;
  sha256: string;
  content: Buffer;
}

export interface NewComplaint {
  agencyId: number;
  serviceId: number | null;
  category: string;
  title: string;
  description: string;
  location: string | null;
  channel: string;
  anonymous: boolean;
  confidential: boolean;
  reporterName: string | null;
  reporterEmail: string | null;
  reporterPhone: string | null;
  citizenId: string | null;
  trackingNumber: string;
  checkHash: string;
  /** The filing day (WIB); the personal data is kept for the service's retention days from it (the default without a service). */
  filedOn: string;
  attachments: NewAttachment[];
}

/** A stored transition as the engine reads it. */
export function transitionOf(r: typeof complaintTransitions.$inferSelect): Transition {
  const t: Transition = { action: r.action, from: r.fromState, to: r.toState, actor: { id: r.actorId, role: r.actorRole }, at: r.at.toISOString() };
  if (r.reason) t.reason = r.reason;
  const system = systemReasonOfRow(r);
  if (system) t.systemReason = system;
  return t;
}

/** The reporter as the engine's actor: the signed-in citizen, or whoever holds the tracking number and check value. */
export const reporterActor = (citizenId: string | null): WorkflowActor => ({ id: citizenId ? `citizen:${citizenId}` : "pelapor", roles: ["pelapor"] });

/**
 * Files a complaint: the row, the engine's `start` transition (by the reporter), its attachments and
 * the audit event, in one transaction. The service, when named, must be the agency's; its retention
 * period sets the day the reporter's personal data is removed.
 */
export async function fileComplaint(db: Db, ctx: AuditContext, def: WorkflowDefinition, input: NewComplaint, at: Date): Promise<{ id: number }> {
  return db.transaction(async (tx) => {
    let retentionDays = DEFAULT_COMPLAINT_RETENTION_DAYS;
    if (input.serviceId !== null) {
      const [s] = await tx.select({ id: publicServices.id, days: publicServices.complaintRetentionDays }).from(publicServices).where(and(eq(publicServices.id, input.serviceId), eq(publicServices.agencyId, input.agencyId)));
      if (!s) throw new ComplaintCommandError("foreign_service", { service: input.serviceId });
      retentionDays = s.days;
    }
    const actor = reporterActor(input.citizenId);
    const started = applyAction(def, [], { action: "start", actor, at: at.toISOString() });
    if (!started.ok) throw new ComplaintCommandError("refused", {}, started.refusal);
    const { attachments, filedOn, ...fields } = input;
    const [row] = await tx
      .insert(complaints)
      .values({ ...fields, retainUntil: complaintRetainUntil(filedOn, retentionDays), workflowId: def.id, workflowVersion: def.version, state: started.transition.to, createdAt: at, updatedAt: at })
      .returning({ id: complaints.id });
    await tx.insert(complaintTransitions).values({ complaintId: row!.id, seq: 0, action: "start", fromState: null, toState: started.transition.to, actorId: actor.id, actorRole: started.transition.actor.role, at });
    if (attachments.length) await tx.insert(complaintAttachments).values(attachments.map((a) => ({ ...a, complaintId: row!.id, createdAt: at })));
    await recordAudit(tx, ctx, {
      agencyId: input.agencyId,
      action: "complaint.file",
      targetType: "complaint",
      targetId: row!.id,
      after: { trackingNumber: input.trackingNumber, serviceId: input.serviceId, category: input.category, anonymous: input.anonymous, confidential: input.confidential, attachments: attachments.length },
    });
    const officers = await agencyRoleHolders(tx, input.agencyId, ["petugas_layanan", "pejabat_layanan"]);
    const [agency] = await tx.select({ code: agencies.code, name: agencies.name }).from(agencies).where(eq(agencies.id, input.agencyId));
    await notifyUsers(tx, officers, { kind: "complaint.received", params: { agency: agency!.name, trackingNumber: input.trackingNumber, title: input.title }, link: `/pengaduan-masuk/${agency!.code}/${row!.id}` }, null);
    return { id: row!.id };
  });
}

export interface ComplaintActionInput {
  complaintId: number;
  /** The agency the complaint must belong to (staff); null for the reporter (already matched by tracking number). */
  agencyId: number | null;
  actor: WorkflowActor;
  userId: number | null;
  action: string;
  reason?: string | undefined;
  /** A reason the system gives (with `reason`, its Indonesian wording). */
  systemReason?: SystemReason | undefined;
  /** `verify`: the unit the complaint is forwarded to (of the same agency). */
  dispositionUnitId?: number | null | undefined;
  /** `post_answer`: the answer shown to the reporter. */
  answer?: string | undefined;
  laporTrackingId?: string | null | undefined;
}

/**
 * Takes one workflow action on a complaint: locks the complaint, replays its history, asks the engine
 * (a refusal throws with the engine's code), appends the transition, updates the complaint and writes
 * the audit event, in one transaction. undefined when the complaint is not there (or not the agency's).
 */
export function actOnComplaint(db: Db, ctx: AuditContext, def: WorkflowDefinition, input: ComplaintActionInput, now: Date): Promise<{ transition: Transition; agencyId: number } | undefined> {
  return db.transaction((tx) => actInTransaction(tx, ctx, def, input, now));
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

async function actInTransaction(tx: Tx, ctx: AuditContext, def: WorkflowDefinition, input: ComplaintActionInput & { seenTransitions?: number }, now: Date) {
  const [c] = await tx
    .select()
    .from(complaints)
    .where(input.agencyId === null ? eq(complaints.id, input.complaintId) : and(eq(complaints.id, input.complaintId), eq(complaints.agencyId, input.agencyId)))
    .for("update");
  if (!c) return undefined;
  const rows = await tx.select().from(complaintTransitions).where(eq(complaintTransitions.complaintId, c.id)).orderBy(asc(complaintTransitions.seq));
  // Someone acted since the caller looked (the reporter confirmed, a new answer): not this caller's turn.
  if (input.seenTransitions !== undefined && rows.length !== input.seenTransitions) return undefined;
  const history = rows.map(transitionOf);
  const last = rows[rows.length - 1]!.at;
  const at = now < last ? last : now;
  const r = applyAction(def, history, { action: input.action, actor: input.actor, at: at.toISOString(), reason: input.reason, ...(input.systemReason ? { systemReason: input.systemReason } : {}) });
  if (!r.ok) throw new ComplaintCommandError("refused", {}, r.refusal);
  const patch: Partial<typeof complaints.$inferInsert> = { state: r.transition.to, updatedAt: at };
  if (input.action === "verify" && input.dispositionUnitId != null) {
    const [u] = await tx.select({ id: units.id }).from(units).where(and(eq(units.id, input.dispositionUnitId), eq(units.agencyId, c.agencyId)));
    if (!u) throw new ComplaintCommandError("foreign_unit", { unit: input.dispositionUnitId });
    patch.dispositionUnitId = u.id;
  }
  if (input.action === "post_answer") {
    const answer = (input.answer ?? input.reason ?? "").trim();
    if (!answer) throw new ComplaintCommandError("answer_required");
    patch.answer = answer;
  }
  if (input.laporTrackingId !== undefined) patch.laporTrackingId = input.laporTrackingId;
  await tx.update(complaints).set(patch).where(eq(complaints.id, c.id));
  await tx.insert(complaintTransitions).values({
    complaintId: c.id,
    seq: rows.length,
    action: r.transition.action,
    fromState: r.transition.from,
    toState: r.transition.to,
    actorId: r.transition.actor.id,
    actorRole: r.transition.actor.role,
    userId: input.userId,
    at,
    reason: r.transition.reason ?? null,
    ...systemReasonColumns(r.transition),
  });
  await recordAudit(tx, ctx, {
    agencyId: c.agencyId,
    action: `complaint.${r.transition.action}`,
    targetType: "complaint",
    targetId: c.id,
    before: { state: c.state },
    after: { state: r.transition.to, ...(patch.dispositionUnitId ? { dispositionUnitId: patch.dispositionUnitId } : {}), ...(input.laporTrackingId !== undefined ? { laporTrackingId: input.laporTrackingId } : {}) },
  });
  return { transition: r.transition, agencyId: c.agencyId, complaint: c };
}

/** The reason recorded when the system closes an answered complaint the reporter left unanswered (the text: its Indonesian wording). */
export const AUTO_CLOSE_REASON = "Ditutup otomatis oleh sistem: pelapor tidak menanggapi jawaban dalam batas waktu hari kerja.";
const AUTO_CLOSE_SYSTEM_REASON: SystemReason = { code: SYSTEM_REASON_CODES.complaintAutoClose, params: {} };

/**
 * Closes an answered complaint by the system (`close_without_reply`, actor `sistem`) when its
 * automatic close is due: locks the complaint and acts only if its history still has
 * `seenTransitions` transitions (a reporter who confirmed or replied meanwhile wins: undefined), then
 * writes the transition, the audit event and, for a signed-in reporter, an in-app notification, in
 * one transaction. The engine's refusal (e.g. no longer answered) throws like any action.
 */
export async function autoCloseComplaint(db: Db, ctx: AuditContext, def: WorkflowDefinition, input: { complaintId: number; action: string; seenTransitions: number }, now: Date) {
  return db.transaction(async (tx) => {
    const done = await actInTransaction(tx, ctx, def, { complaintId: input.complaintId, agencyId: null, actor: { id: "sistem", roles: ["sistem"] }, userId: null, action: input.action, reason: AUTO_CLOSE_REASON, systemReason: AUTO_CLOSE_SYSTEM_REASON, seenTransitions: input.seenTransitions }, now);
    if (!done) return undefined;
    const c = done.complaint;
    if (c.citizenId) await tx.insert(citizenNotifications).values({ citizenId: c.citizenId, kind: `complaint.${done.transition.action}`, payload: { trackingNumber: c.trackingNumber, state: done.transition.to }, createdAt: now });
    return { transition: done.transition, trackingNumber: c.trackingNumber, reporterEmail: c.anonymous ? null : c.reporterEmail };
  });
}

/** Sets the SP4N-LAPOR! tracking id cross-reference (audited); false when the agency has no such complaint. */
export async function setLaporTrackingId(db: Db, ctx: AuditContext, agencyId: number, complaintId: number, laporTrackingId: string | null, at: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [c] = await tx.select({ id: complaints.id, before: complaints.laporTrackingId }).from(complaints).where(and(eq(complaints.id, complaintId), eq(complaints.agencyId, agencyId))).for("update");
    if (!c) return false;
    await tx.update(complaints).set({ laporTrackingId, updatedAt: at }).where(eq(complaints.id, c.id));
    await recordAudit(tx, ctx, { agencyId, action: "complaint.lapor_tracking_id", targetType: "complaint", targetId: c.id, before: { laporTrackingId: c.before }, after: { laporTrackingId } });
    return true;
  });
}

/**
 * Shows a complaint's reporter identity to an officer and logs it (access log + audit event) in one
 * transaction. undefined when the agency has no such complaint.
 */
export async function revealReporterIdentity(db: Db, ctx: AuditContext, agencyId: number, complaintId: number, userId: number, reason: string | null, at: Date) {
  return db.transaction(async (tx) => {
    const [c] = await tx
      .select({ id: complaints.id, name: complaints.reporterName, email: complaints.reporterEmail, phone: complaints.reporterPhone, anonymous: complaints.anonymous, removedAt: complaints.personalDataRemovedAt })
      .from(complaints)
      .where(and(eq(complaints.id, complaintId), eq(complaints.agencyId, agencyId)));
    if (!c) return undefined;
    await tx.insert(complaintIdentityAccess).values({ complaintId: c.id, userId, reason, at });
    await recordAudit(tx, ctx, { agencyId, action: "complaint.identity_viewed", targetType: "complaint", targetId: c.id, after: { reason } });
    return { name: c.name, email: c.email, phone: c.phone, anonymous: c.anonymous, removed: c.removedAt !== null };
  });
}

/**
 * Records a reminder (due soon / breached) for one state visit and notifies the recipients, in one
 * transaction; false when this reminder was already sent (the unique key makes the job idempotent).
 */
export async function sendComplaintReminder(db: Db, input: { complaintId: number; agencyId: number; agencyCode: string; agencyName: string; visitSeq: number; status: "due_soon" | "breached"; recipients: number[]; trackingNumber: string; at: Date }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(complaintReminders).values({ complaintId: input.complaintId, visitSeq: input.visitSeq, status: input.status, sentAt: input.at }).onConflictDoNothing().returning({ id: complaintReminders.complaintId });
    if (!row) return false;
    await notifyUsers(tx, input.recipients, { kind: input.status === "due_soon" ? "complaint.due_soon" : "complaint.breached", params: { agency: input.agencyName, trackingNumber: input.trackingNumber }, link: `/pengaduan-masuk/${input.agencyCode}/${input.complaintId}` }, null);
    return true;
  });
}

/** The agency's holders of `roles` (for reminders outside a transaction). */
export async function complaintOfficers(db: Db, agencyId: number, roles: readonly string[]): Promise<number[]> {
  return db.transaction((tx) => agencyRoleHolders(tx, agencyId, roles));
}

/**
 * Removes the personal data of complaints whose retention day has come (reporter identity, citizen
 * link, attachments), one audit event per complaint, in one transaction. Answers how many.
 */
export async function sweepComplaintPersonalData(db: Db, ctx: AuditContext, today: string, at: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: complaints.id, agencyId: complaints.agencyId })
      .from(complaints)
      .where(and(lte(complaints.retainUntil, today), isNull(complaints.personalDataRemovedAt)))
      .for("update", { skipLocked: true });
    if (!due.length) return 0;
    const ids = due.map((d) => d.id);
    await tx.delete(complaintAttachments).where(inArray(complaintAttachments.complaintId, ids));
    await tx
      .update(complaints)
      .set({ reporterName: null, reporterEmail: null, reporterPhone: null, citizenId: null, personalDataRemovedAt: at, updatedAt: sql`greatest(${complaints.updatedAt}, ${at})` })
      .where(inArray(complaints.id, ids));
    for (const d of due) await recordAudit(tx, ctx, { agencyId: d.agencyId, action: "complaint.personal_data_removed", targetType: "complaint", targetId: d.id, after: { retention: "expired" } });
    return due.length;
  });
}
