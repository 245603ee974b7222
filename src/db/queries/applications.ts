import { and, asc, desc, eq, gt, gte, inArray, lte, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { agencies, applicationAccessLog, applicationFiles, applications, applicationTransitions, citizenNotifications, formVersions, publicServices, users } from "../schema";
import type { QueueSlaFilter, Transition } from "../../core";
import { systemReasonOfRow } from "./system-reason";

export type ApplicationRow = typeof applications.$inferSelect;
export type FormVersionRow = typeof formVersions.$inferSelect;

/** The newest published form of a service, or undefined. */
export async function publishedFormOfService(db: Db, serviceId: number): Promise<FormVersionRow | undefined> {
  const [row] = await db
    .select()
    .from(formVersions)
    .where(and(eq(formVersions.serviceId, serviceId), eq(formVersions.status, "published")))
    .orderBy(desc(formVersions.version))
    .limit(1);
  return row;
}

export async function formVersionById(db: Db, id: number): Promise<FormVersionRow | undefined> {
  const [row] = await db.select().from(formVersions).where(eq(formVersions.id, id));
  return row;
}

/**
 * Open applications of a workflow version in one of `states` (the states where the workflow acts by
 * itself): the auto-action job's candidates, with what it needs to act outside a request.
 */
export async function openApplicationsInStates(db: Db, workflow: { id: string; version: number }, states: readonly string[]) {
  if (!states.length) return [];
  return db
    .select({ id: applications.id, agencyId: applications.agencyId, agencyCode: agencies.code, formVersionId: applications.formVersionId })
    .from(applications)
    .innerJoin(agencies, eq(agencies.id, applications.agencyId))
    .where(and(eq(applications.workflowId, workflow.id), eq(applications.workflowVersion, workflow.version), eq(applications.terminal, false), inArray(applications.state, [...states])));
}

/** Every form version of an agency with its service and author, newest first per form. */
export async function listAgencyFormVersions(db: Db, agencyId: number) {
  return db
    .select({ v: formVersions, serviceName: publicServices.name, serviceSlug: publicServices.slug, createdByName: users.name })
    .from(formVersions)
    .leftJoin(publicServices, eq(publicServices.id, formVersions.serviceId))
    .leftJoin(users, eq(users.id, formVersions.createdByUserId))
    .where(eq(formVersions.agencyId, agencyId))
    .orderBy(asc(formVersions.formId), desc(formVersions.version));
}

/** A stored transition as the workflow engine reads it. */
function transitionOfRow(r: typeof applicationTransitions.$inferSelect): Transition {
  const t: Transition = { action: r.action, from: r.fromState, to: r.toState, actor: { id: r.actorId, role: r.actorRole }, at: new Date(r.at).toISOString() };
  if (r.reason) t.reason = r.reason;
  const system = systemReasonOfRow(r);
  if (system) t.systemReason = system;
  return t;
}

/** The history of a case in order (inside a transaction too). */
export async function applicationHistory(db: Pick<Db, "select">, applicationId: string): Promise<Transition[]> {
  const rows = await db.select().from(applicationTransitions).where(eq(applicationTransitions.applicationId, applicationId)).orderBy(asc(applicationTransitions.seq));
  return rows.map(transitionOfRow);
}

/** The histories of several cases in one query, each in order (a case without transitions is absent). */
export async function applicationHistories(db: Db, applicationIds: readonly string[]): Promise<Map<string, Transition[]>> {
  const out = new Map<string, Transition[]>();
  if (!applicationIds.length) return out;
  const rows = await db
    .select()
    .from(applicationTransitions)
    .where(inArray(applicationTransitions.applicationId, [...applicationIds]))
    .orderBy(asc(applicationTransitions.applicationId), asc(applicationTransitions.seq));
  for (const r of rows) {
    let list = out.get(r.applicationId);
    if (!list) out.set(r.applicationId, (list = []));
    list.push(transitionOfRow(r));
  }
  return out;
}

const withService = {
  application: applications,
  serviceName: publicServices.name,
  serviceSlug: publicServices.slug,
  agencyCode: agencies.code,
  agencyName: agencies.name,
};

/** A citizen's own application (another citizen's: undefined). */
export async function citizenApplication(db: Db, citizenId: string, id: string) {
  const [row] = await db
    .select(withService)
    .from(applications)
    .innerJoin(publicServices, eq(publicServices.id, applications.serviceId))
    .innerJoin(agencies, eq(agencies.id, applications.agencyId))
    .where(and(eq(applications.id, id), eq(applications.citizenId, citizenId)));
  return row;
}

/** A citizen's applications, newest first. */
export async function listCitizenApplications(db: Db, citizenId: string) {
  return db
    .select(withService)
    .from(applications)
    .innerJoin(publicServices, eq(publicServices.id, applications.serviceId))
    .innerJoin(agencies, eq(agencies.id, applications.agencyId))
    .where(eq(applications.citizenId, citizenId))
    .orderBy(desc(applications.createdAt))
    .limit(200);
}

/** An agency's submitted application (drafts and other agencies': undefined). */
export async function agencyApplication(db: Db, agencyId: number, id: string) {
  const [row] = await db
    .select(withService)
    .from(applications)
    .innerJoin(publicServices, eq(publicServices.id, applications.serviceId))
    .innerJoin(agencies, eq(agencies.id, applications.agencyId))
    .where(and(eq(applications.id, id), eq(applications.agencyId, agencyId), sql`${applications.state} <> 'draft'`));
  return row;
}

export async function applicationFilesOf(db: Db, applicationId: string) {
  return db.select().from(applicationFiles).where(eq(applicationFiles.applicationId, applicationId)).orderBy(asc(applicationFiles.createdAt));
}

export async function applicationFile(db: Db, applicationId: string, fileId: string) {
  const [row] = await db
    .select()
    .from(applicationFiles)
    .where(and(eq(applicationFiles.applicationId, applicationId), eq(applicationFiles.id, fileId)));
  return row;
}

/** Who viewed an application, newest first. */
export async function applicationAccessRows(db: Db, applicationId: string) {
  return db
    .select({ at: applicationAccessLog.at, what: applicationAccessLog.what, userId: applicationAccessLog.userId, userName: users.name })
    .from(applicationAccessLog)
    .leftJoin(users, eq(users.id, applicationAccessLog.userId))
    .where(eq(applicationAccessLog.applicationId, applicationId))
    .orderBy(desc(applicationAccessLog.at), desc(applicationAccessLog.id))
    .limit(100);
}

export interface QueueFilter {
  sla?: QueueSlaFilter | undefined;
  serviceId?: number | undefined;
  /** Only cases whose current state one of these workflow roles acts in. */
  roles?: readonly string[] | undefined;
  state?: string | undefined;
  /** Only cases claimed by this officer. */
  claimedBy?: number | undefined;
  limit?: number;
}

/**
 * The officers' queue: an agency's open cases, most urgent deadline first, filtered by SLA status on
 * `today` (from the stored deadline columns, see core slaStatusOn), service, state and role.
 */
export function officerQueue(db: Db, agencyId: number, today: string, f: QueueFilter) {
  const conds: SQL[] = [eq(applications.agencyId, agencyId), eq(applications.terminal, false), sql`${applications.state} <> 'draft'`];
  if (f.serviceId !== undefined) conds.push(eq(applications.serviceId, f.serviceId));
  if (f.state) conds.push(eq(applications.state, f.state));
  if (f.claimedBy !== undefined) conds.push(eq(applications.claimedByUserId, f.claimedBy));
  // One parameter per role, so that the planner sees the array and keeps to the queue index.
  if (f.roles) conds.push(sql`${applications.stateRoles} && ARRAY[${sql.join([sql`''`, ...f.roles.map((r) => sql`${r}`)], sql`, `)}]::text[]`);
  if (f.sla === "paused") conds.push(eq(applications.paused, true));
  else if (f.sla === "breached") conds.push(eq(applications.paused, false), lt(applications.stateDeadline, today));
  else if (f.sla === "due_soon") conds.push(eq(applications.paused, false), lte(applications.dueSoonFrom, today), gte(applications.stateDeadline, today));
  // The deadline is never before the due-soon day: the range on it lets the queue index start at today.
  else if (f.sla === "on_track") conds.push(eq(applications.paused, false), sql`${applications.dueSoonFrom} > ${today}`, gt(applications.stateDeadline, today));
  return db
    .select({
      id: applications.id,
      trackingNumber: applications.trackingNumber,
      serviceId: applications.serviceId,
      serviceName: publicServices.name,
      state: applications.state,
      paused: applications.paused,
      terminal: applications.terminal,
      claimedByUserId: applications.claimedByUserId,
      claimedByName: users.name,
      stateRoles: applications.stateRoles,
      stateDeadline: applications.stateDeadline,
      dueSoonFrom: applications.dueSoonFrom,
      caseDeadline: applications.caseDeadline,
      submittedAt: applications.submittedAt,
    })
    .from(applications)
    .innerJoin(publicServices, eq(publicServices.id, applications.serviceId))
    .leftJoin(users, eq(users.id, applications.claimedByUserId))
    .where(and(...conds))
    // Paused cases have no state deadline: oldest first, from their own partial index.
    .orderBy(...(f.sla === "paused" ? [asc(applications.submittedAt)] : [sql`${applications.stateDeadline} asc nulls last`, asc(applications.submittedAt)]))
    .limit(f.limit ?? 100);
}

/** The public tracking answer's row: status only. */
export async function applicationByTracking(db: Db, trackingNumber: string) {
  const [row] = await db
    .select({ id: applications.id, checkHash: applications.checkHash, state: applications.state, terminal: applications.terminal, paused: applications.paused, stateDeadline: applications.stateDeadline, caseDeadline: applications.caseDeadline, submittedAt: applications.submittedAt, closedAt: applications.closedAt, workflowId: applications.workflowId, workflowVersion: applications.workflowVersion, serviceName: publicServices.name, agencyName: agencies.name })
    .from(applications)
    .innerJoin(publicServices, eq(publicServices.id, applications.serviceId))
    .innerJoin(agencies, eq(agencies.id, applications.agencyId))
    .where(eq(applications.trackingNumber, trackingNumber));
  return row;
}

export async function citizenNotificationsOf(db: Db, citizenId: string) {
  return db.select().from(citizenNotifications).where(eq(citizenNotifications.citizenId, citizenId)).orderBy(desc(citizenNotifications.createdAt), desc(citizenNotifications.id)).limit(50);
}

/** Per service of an agency: volumes, processing times and SLA compliance of closed cases (evidence). */
export async function serviceApplicationStats(db: Db, agencyId: number) {
  return db
    .select({
      serviceId: applications.serviceId,
      serviceName: publicServices.name,
      submitted: sql<number>`count(*) filter (where ${applications.state} <> 'draft')::int`,
      open: sql<number>`count(*) filter (where ${applications.state} <> 'draft' and not ${applications.terminal})::int`,
      approved: sql<number>`count(*) filter (where ${applications.state} = 'approved')::int`,
      rejected: sql<number>`count(*) filter (where ${applications.state} = 'rejected')::int`,
      closed: sql<number>`count(*) filter (where ${applications.terminal})::int`,
      closedOnTime: sql<number>`count(*) filter (where ${applications.terminal} and (${applications.caseDeadline} is null or (${applications.closedAt} at time zone 'Asia/Jakarta')::date <= ${applications.caseDeadline}))::int`,
      medianDays: sql<number | null>`percentile_cont(0.5) within group (order by extract(epoch from ${applications.closedAt} - ${applications.submittedAt}) / 86400) filter (where ${applications.terminal})`,
    })
    .from(applications)
    .innerJoin(publicServices, eq(publicServices.id, applications.serviceId))
    .where(eq(applications.agencyId, agencyId))
    .groupBy(applications.serviceId, publicServices.name)
    .orderBy(asc(publicServices.name));
}

/**
 * A citizen's applications for the "download my data" export (UU 27/2022): the answers, status and
 * history of each, without officers' identities. For the export registry to plug in.
 */
export async function citizenApplicationsExport(db: Db, citizenId: string) {
  const rows = await listCitizenApplications(db, citizenId);
  const ids = rows.map((r) => r.application.id);
  const steps = ids.length ? await db.select().from(applicationTransitions).where(inArray(applicationTransitions.applicationId, ids)).orderBy(asc(applicationTransitions.seq)) : [];
  const files = ids.length ? await db.select().from(applicationFiles).where(inArray(applicationFiles.applicationId, ids)) : [];
  return rows.map((r) => ({
    trackingNumber: r.application.trackingNumber,
    service: r.serviceName,
    agency: r.agencyName,
    state: r.application.state,
    createdAt: r.application.createdAt.toISOString(),
    submittedAt: r.application.submittedAt?.toISOString() ?? null,
    answers: r.application.data,
    files: files.filter((f) => f.applicationId === r.application.id).map((f) => ({ field: f.fieldKey, name: f.name, size: f.size, type: f.mediaType })),
    history: steps.filter((s) => s.applicationId === r.application.id).map((s) => ({ action: s.action, from: s.fromState, to: s.toState, at: new Date(s.at).toISOString(), reason: s.reason })),
    retentionUntil: r.application.retentionUntil,
  }));
}
