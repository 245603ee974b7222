import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { agencies, applicationAccessLog, applicationFiles, applications, applicationTransitions, citizenNotifications, formVersions, publicServices } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import { applicationHistory } from "../queries/applications";
import type { CaseColumns, FormDefinition, Transition } from "../../core";
import { systemReasonColumns } from "../queries/system-reason";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Why an application command refused; the route turns it into its error code. */
export class ApplicationCommandError extends Error {
  constructor(
    readonly reason: "not_found" | "not_draft" | "no_published_form" | "form_version_exists" | "refused" | "too_many_files",
    readonly details: Record<string, unknown> = {},
  ) {
    super(reason);
  }
}

/**
 * Loads form definitions (forms/*.json) as form versions of their agencies, linking each to the
 * catalogue service its `service` slug names when the agency has it. Versions already there are
 * kept as they are (a published version is never changed); a form of an unknown agency is skipped.
 * Answers how many versions were added.
 */
export async function loadFormVersions(db: Db, forms: readonly FormDefinition[]): Promise<number> {
  let added = 0;
  for (const form of forms) {
    if (!form.agency) continue;
    const [agency] = await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, form.agency));
    if (!agency) continue;
    const serviceId = form.service ? await serviceIdOf(db, agency.id, form.service) : null;
    const rows = await db
      .insert(formVersions)
      .values({ agencyId: agency.id, formId: form.id, version: form.version, status: form.status, serviceId, definition: form, publishedAt: form.status === "published" ? sql`now()` : null })
      .onConflictDoNothing()
      .returning({ id: formVersions.id });
    added += rows.length;
    // A service added to the catalogue after the form was loaded is linked now.
    if (!rows.length && serviceId !== null)
      await db
        .update(formVersions)
        .set({ serviceId })
        .where(and(eq(formVersions.agencyId, agency.id), eq(formVersions.formId, form.id), sql`${formVersions.serviceId} is null`));
  }
  return added;
}

/** The id of the agency's catalogue service with this slug, or null. */
export async function serviceIdOf(db: Db | Tx, agencyId: number, slug: string): Promise<number | null> {
  const [s] = await db
    .select({ id: publicServices.id })
    .from(publicServices)
    .where(and(eq(publicServices.agencyId, agencyId), eq(publicServices.slug, slug)));
  return s?.id ?? null;
}

/** Adds a new (draft) version of a form uploaded by an officer; the core has validated it. */
export async function uploadFormVersion(db: Db, ctx: AuditContext, agencyId: number, form: FormDefinition): Promise<{ id: number; version: number }> {
  return db.transaction(async (tx) => {
    const serviceId = form.service ? await serviceIdOf(tx, agencyId, form.service) : null;
    const definition = { ...form, status: "draft" as const };
    const [row] = await tx
      .insert(formVersions)
      .values({ agencyId, formId: form.id, version: form.version, status: "draft", serviceId, definition, createdByUserId: ctx.actorUserId })
      .onConflictDoNothing()
      .returning({ id: formVersions.id });
    if (!row) throw new ApplicationCommandError("form_version_exists", { formId: form.id, version: form.version });
    await recordAudit(tx, ctx, { agencyId, action: "form.upload", targetType: "form_version", targetId: row.id, after: { formId: form.id, version: form.version, serviceId } });
    return { id: row.id, version: form.version };
  });
}

/** Locks an agency's draft form version for a change; not_found for another agency's, not_draft once published. */
export async function lockDraftFormVersion(tx: Tx, agencyId: number, formVersionId: number) {
  const [row] = await tx
    .select()
    .from(formVersions)
    .where(and(eq(formVersions.id, formVersionId), eq(formVersions.agencyId, agencyId)))
    .for("update");
  if (!row) throw new ApplicationCommandError("not_found");
  if (row.status !== "draft") throw new ApplicationCommandError("not_draft", { status: row.status });
  return row;
}

/** Publishes a draft form version (new applications use the newest published version). */
export async function publishFormVersion(db: Db, ctx: AuditContext, agencyId: number, formVersionId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await lockDraftFormVersion(tx, agencyId, formVersionId);
    await tx
      .update(formVersions)
      .set({ status: "published", publishedAt: sql`now()`, definition: { ...(row.definition as object), status: "published" } })
      .where(eq(formVersions.id, formVersionId));
    await recordAudit(tx, ctx, { agencyId, action: "form.publish", targetType: "form_version", targetId: formVersionId, after: { formId: row.formId, version: row.version } });
  });
}

/** Starts a citizen's draft application with the service's newest published form. */
export async function createApplicationDraft(db: Db, input: { citizenId: string; serviceId: number; workflowId: string; workflowVersion: number }): Promise<string> {
  const [form] = await db
    .select({ id: formVersions.id, agencyId: formVersions.agencyId })
    .from(formVersions)
    .where(and(eq(formVersions.serviceId, input.serviceId), eq(formVersions.status, "published")))
    .orderBy(desc(formVersions.version))
    .limit(1);
  if (!form) throw new ApplicationCommandError("no_published_form");
  const [row] = await db
    .insert(applications)
    .values({ agencyId: form.agencyId, serviceId: input.serviceId, formVersionId: form.id, citizenId: input.citizenId, workflowId: input.workflowId, workflowVersion: input.workflowVersion })
    .returning({ id: applications.id });
  return row!.id;
}

/** Autosaves a draft's answers (no validation until submission); false when the citizen has no such draft. */
export async function saveApplicationDraft(db: Db, citizenId: string, applicationId: string, data: Record<string, unknown>): Promise<void> {
  const rows = await db
    .update(applications)
    .set({ data, updatedAt: sql`now()` })
    .where(and(eq(applications.id, applicationId), eq(applications.citizenId, citizenId), eq(applications.state, "draft")))
    .returning({ id: applications.id });
  if (!rows.length) throw await refusalFor(db, citizenId, applicationId);
}

async function refusalFor(db: Db | Tx, citizenId: string, applicationId: string): Promise<ApplicationCommandError> {
  const [row] = await db
    .select({ state: applications.state })
    .from(applications)
    .where(and(eq(applications.id, applicationId), eq(applications.citizenId, citizenId)));
  return row ? new ApplicationCommandError("not_draft", { state: row.state }) : new ApplicationCommandError("not_found");
}

/** Records a stored attachment of an application the citizen may still change (a draft or waiting for their correction). */
export async function addApplicationFile(
  db: Db,
  citizenId: string,
  applicationId: string,
  file: { fieldKey: string; storageKey: string; name: string; size: number; mediaType: string; sha256: string; maxFiles: number },
): Promise<string> {
  return db.transaction(async (tx) => {
    const [app] = await tx
      .select({ state: applications.state, paused: applications.paused })
      .from(applications)
      .where(and(eq(applications.id, applicationId), eq(applications.citizenId, citizenId)))
      .for("update");
    if (!app) throw new ApplicationCommandError("not_found");
    if (app.state !== "draft" && !app.paused) throw new ApplicationCommandError("not_draft", { state: app.state });
    const [{ n }] = (await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(applicationFiles)
      .where(and(eq(applicationFiles.applicationId, applicationId), eq(applicationFiles.fieldKey, file.fieldKey)))) as [{ n: number }];
    if (n >= Math.max(file.maxFiles, 1) * 4) throw new ApplicationCommandError("too_many_files", { max: file.maxFiles });
    const { maxFiles: _m, ...values } = file;
    void _m;
    const [row] = await tx
      .insert(applicationFiles)
      .values({ applicationId, ...values })
      .returning({ id: applicationFiles.id });
    return row!.id;
  });
}

/** What a decision on an application writes, computed by the engine from the locked history. */
export interface CaseStep {
  transition: Transition;
  columns: CaseColumns;
  /** Submission / correction: the validated answers replace the stored ones. */
  data?: Record<string, unknown>;
  /** Submission only. */
  trackingNumber?: string;
  checkHash?: string;
  retentionUntil?: string | null;
  /** Closing only: the first day an answer is due for erasure (retention job). */
  retentionDue?: string | null;
  productDocumentId?: string;
  /** In-app notification for the applicant (kind `application.<action>`). */
  notifyCitizen?: boolean;
}

export type CaseDecision = { ok: true; step: CaseStep } | { ok: false; refusal: { code: string; status: number; message: string } };

export interface LockedApplication {
  id: string;
  agencyId: number;
  citizenId: string;
  serviceId: number;
  state: string;
  trackingNumber: string | null;
  workflowId: string;
  workflowVersion: number;
  formVersionId: number;
  data: unknown;
  history: Transition[];
}

/**
 * Takes one step of an application's case: locks the row, reads its history, lets `decide` (the
 * engine, in the caller) answer the transition or a refusal, then writes the transition, the queue
 * columns, the audit event and the applicant's notification in one transaction. Two officers
 * claiming at once queue on the lock; the second sees the first's claim (`already_claimed`).
 * `scope` limits the application to an agency's (officers) or a citizen's own; otherwise not_found.
 */
export async function actOnApplication(
  db: Db,
  audit: AuditContext,
  applicationId: string,
  scope: { agencyId: number } | { citizenId: string },
  decide: (app: LockedApplication) => CaseDecision | Promise<CaseDecision>,
): Promise<{ transition: Transition; application: LockedApplication; step: CaseStep }> {
  return db.transaction(async (tx) => {
    const where = "agencyId" in scope ? eq(applications.agencyId, scope.agencyId) : eq(applications.citizenId, scope.citizenId);
    const [row] = await tx
      .select()
      .from(applications)
      .where(and(eq(applications.id, applicationId), where))
      .for("update");
    if (!row) throw new ApplicationCommandError("not_found");
    const history = await applicationHistory(tx, applicationId);
    const locked: LockedApplication = {
      id: row.id,
      agencyId: row.agencyId,
      citizenId: row.citizenId,
      serviceId: row.serviceId,
      state: row.state,
      trackingNumber: row.trackingNumber,
      workflowId: row.workflowId,
      workflowVersion: row.workflowVersion,
      formVersionId: row.formVersionId,
      data: row.data,
      history,
    };
    const d = await decide(locked);
    if (!d.ok) throw new ApplicationCommandError("refused", d.refusal);
    const { step } = d;
    const t = step.transition;
    await tx.insert(applicationTransitions).values({ applicationId, seq: history.length + 1, action: t.action, fromState: t.from, toState: t.to, actorId: t.actor.id, actorRole: t.actor.role, at: t.at, reason: t.reason ?? null, ...systemReasonColumns(t) });
    const c = step.columns;
    await tx
      .update(applications)
      .set({
        ...c,
        ...(step.data ? { data: step.data } : {}),
        ...(step.trackingNumber ? { trackingNumber: step.trackingNumber, checkHash: step.checkHash!, submittedAt: sql`${t.at}::timestamptz` } : {}),
        ...(c.terminal ? { closedAt: sql`${t.at}::timestamptz`, retentionUntil: step.retentionUntil ?? null, retentionDue: step.retentionDue ?? null } : {}),
        ...(step.productDocumentId ? { productDocumentId: step.productDocumentId } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(applications.id, applicationId));
    if (step.notifyCitizen)
      await tx.insert(citizenNotifications).values({ citizenId: row.citizenId, applicationId, kind: `application.${t.action}`, payload: { trackingNumber: step.trackingNumber ?? row.trackingNumber, state: t.to, ...(t.reason ? { reason: t.reason } : {}) } });
    // The audit event last: it locks the agency's chain head, held until commit.
    await recordAudit(tx, audit, {
      agencyId: row.agencyId,
      action: `application.${t.action}`,
      targetType: "application",
      targetId: applicationId,
      before: { state: t.from },
      after: { state: t.to, role: t.actor.role, ...(t.reason ? { reason: t.reason } : {}) },
    });
    return { transition: t, application: locked, step };
  });
}

/** Records that an officer viewed an application (its detail or a file). */
export async function logApplicationAccess(db: Db, applicationId: string, userId: number, what: string): Promise<void> {
  await db.insert(applicationAccessLog).values({ applicationId, userId, what });
}

/** Marks a citizen's notifications read. */
export async function markCitizenNotificationsRead(db: Db, citizenId: string): Promise<void> {
  await db
    .update(citizenNotifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(citizenNotifications.citizenId, citizenId), sql`${citizenNotifications.readAt} is null`));
}

/** Links the issued product to its application (after issueDocumentOnce has registered it). */
export async function setApplicationProduct(db: Db, applicationId: string, documentId: string): Promise<void> {
  await db.update(applications).set({ productDocumentId: documentId, updatedAt: sql`now()` }).where(eq(applications.id, applicationId));
}
