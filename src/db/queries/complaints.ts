import { and, asc, desc, eq, inArray, isNull, notInArray } from "drizzle-orm";
import type { Db } from "../client";
import { agencies, complaintAttachments, complaintIdentityAccess, complaints, complaintTransitions, publicServices, serviceFaqs, units, users } from "../schema";

export type ComplaintRow = typeof complaints.$inferSelect;
export type ComplaintTransitionRow = typeof complaintTransitions.$inferSelect;

async function transitionsOf(db: Db, ids: number[]): Promise<Map<number, ComplaintTransitionRow[]>> {
  const out = new Map<number, ComplaintTransitionRow[]>();
  if (!ids.length) return out;
  const rows = await db.select().from(complaintTransitions).where(inArray(complaintTransitions.complaintId, ids)).orderBy(asc(complaintTransitions.complaintId), asc(complaintTransitions.seq));
  for (const r of rows) (out.get(r.complaintId) ?? out.set(r.complaintId, []).get(r.complaintId)!).push(r);
  return out;
}

const withNames = {
  complaint: complaints,
  serviceName: publicServices.name,
  unitName: units.name,
  agencyCode: agencies.code,
  agencyName: agencies.name,
};

/** An agency's complaints (newest first), optionally only open ones, each with its history. */
export async function agencyComplaints(db: Db, agencyId: number, options: { openOnly?: boolean; terminalStates?: readonly string[] } = {}) {
  const rows = await db
    .select(withNames)
    .from(complaints)
    .innerJoin(agencies, eq(agencies.id, complaints.agencyId))
    .leftJoin(publicServices, eq(publicServices.id, complaints.serviceId))
    .leftJoin(units, eq(units.id, complaints.dispositionUnitId))
    .where(and(eq(complaints.agencyId, agencyId), options.openOnly && options.terminalStates?.length ? notInArray(complaints.state, [...options.terminalStates]) : undefined))
    .orderBy(desc(complaints.createdAt), desc(complaints.id));
  const history = await transitionsOf(db, rows.map((r) => r.complaint.id));
  return rows.map((r) => ({ ...r, transitions: history.get(r.complaint.id) ?? [] }));
}

/** Every open complaint of every agency (for the reminder job), with its history. */
export async function openComplaints(db: Db, terminalStates: readonly string[]) {
  const rows = await db
    .select({ complaint: complaints, agencyCode: agencies.code, agencyName: agencies.name })
    .from(complaints)
    .innerJoin(agencies, eq(agencies.id, complaints.agencyId))
    .where(notInArray(complaints.state, [...terminalStates]));
  const history = await transitionsOf(db, rows.map((r) => r.complaint.id));
  return rows.map((r) => ({ ...r, transitions: history.get(r.complaint.id) ?? [] }));
}

/** One complaint by id (of the agency when given), with names, history, attachments (no content) and the identity access log. */
export async function complaintDetail(db: Db, id: number, agencyId: number | null) {
  const [row] = await db
    .select(withNames)
    .from(complaints)
    .innerJoin(agencies, eq(agencies.id, complaints.agencyId))
    .leftJoin(publicServices, eq(publicServices.id, complaints.serviceId))
    .leftJoin(units, eq(units.id, complaints.dispositionUnitId))
    .where(agencyId === null ? eq(complaints.id, id) : and(eq(complaints.id, id), eq(complaints.agencyId, agencyId)));
  if (!row) return undefined;
  const transitions = (await transitionsOf(db, [id])).get(id) ?? [];
  const attachments = await db
    .select({ id: complaintAttachments.id, fileName: complaintAttachments.fileName, fileType: complaintAttachments.fileType, size: complaintAttachments.size })
    .from(complaintAttachments)
    .where(eq(complaintAttachments.complaintId, id))
    .orderBy(asc(complaintAttachments.id));
  const identityViews = await db
    .select({ at: complaintIdentityAccess.at, reason: complaintIdentityAccess.reason, userName: users.name })
    .from(complaintIdentityAccess)
    .leftJoin(users, eq(users.id, complaintIdentityAccess.userId))
    .where(eq(complaintIdentityAccess.complaintId, id))
    .orderBy(desc(complaintIdentityAccess.at));
  return { ...row, transitions, attachments, identityViews };
}

/** The complaint with this tracking number (the caller checks the check value). */
export async function complaintByTrackingNumber(db: Db, trackingNumber: string) {
  const [row] = await db.select({ id: complaints.id, checkHash: complaints.checkHash, citizenId: complaints.citizenId }).from(complaints).where(eq(complaints.trackingNumber, trackingNumber));
  return row;
}

/** A signed-in citizen's complaints, newest first, with their histories. */
export async function citizenComplaints(db: Db, citizenId: string) {
  const rows = await db
    .select(withNames)
    .from(complaints)
    .innerJoin(agencies, eq(agencies.id, complaints.agencyId))
    .leftJoin(publicServices, eq(publicServices.id, complaints.serviceId))
    .leftJoin(units, eq(units.id, complaints.dispositionUnitId))
    .where(and(eq(complaints.citizenId, citizenId), isNull(complaints.personalDataRemovedAt)))
    .orderBy(desc(complaints.createdAt));
  const history = await transitionsOf(db, rows.map((r) => r.complaint.id));
  return rows.map((r) => ({ ...r, transitions: history.get(r.complaint.id) ?? [] }));
}

/** A service's FAQ entries in order. */
export async function serviceFaqEntries(db: Db, serviceId: number) {
  return db.select().from(serviceFaqs).where(eq(serviceFaqs.serviceId, serviceId)).orderBy(asc(serviceFaqs.position), asc(serviceFaqs.id));
}
