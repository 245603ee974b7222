import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../client";
import { complaints, publicServices, serviceStandardVersions, units } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import { emptyComponents, missingForInForce, SERVICE_COMPONENT_KEYS, serviceSlug, type ServiceComponents } from "../../core";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** What the catalogue says about a service (its standard is kept in versions). */
export interface ServiceFields {
  name: string;
  summary: string;
  sector: string;
  unitId: number | null;
  onlineUrl: string | null;
  atMpp: boolean;
  atOffice: boolean;
  feeRupiah: number | null;
  /** Days a complaint about the service keeps its reporter's personal data (730 when not given). */
  complaintRetentionDays?: number;
}

/** A draft's editable content: the fourteen components and the decree that will set it. */
export type StandardDraft = ServiceComponents & { decreeNumber: string | null; decreeDate: string | null };

/** Why a catalogue command refused; the route turns it into its error code. */
export class ServiceCommandError extends Error {
  constructor(
    readonly reason: "slug_taken" | "foreign_unit" | "draft_exists" | "not_draft" | "incomplete",
    readonly details: Record<string, unknown> = {},
  ) {
    super(reason);
  }
}

const FIELD_KEYS = ["name", "summary", "sector", "unitId", "onlineUrl", "atMpp", "atOffice", "feeRupiah", "complaintRetentionDays"] as const;
const DRAFT_KEYS = [...SERVICE_COMPONENT_KEYS, "decreeNumber", "decreeDate"] as const;
const pick = <K extends string>(keys: readonly K[], r: Partial<Record<K, unknown>> | undefined) => Object.fromEntries(keys.map((k) => [k, r?.[k] ?? null]));

async function checkUnit(tx: Tx, agencyId: number, unitId: number | null): Promise<void> {
  if (unitId === null) return;
  const [u] = await tx.select({ id: units.id }).from(units).where(and(eq(units.id, unitId), eq(units.agencyId, agencyId)));
  if (!u) throw new ServiceCommandError("foreign_unit", { unit: unitId });
}

/** Locks a service of this agency until the transaction ends (writers of its versions queue here); undefined when the agency has no such service. */
async function lockService(tx: Tx, agencyId: number, serviceId: number) {
  const [row] = await tx
    .select()
    .from(publicServices)
    .where(and(eq(publicServices.id, serviceId), eq(publicServices.agencyId, agencyId)))
    .for("no key update");
  return row;
}

/**
 * Adds a service to an agency's catalogue with an empty first draft of its standard (version 1), in
 * one transaction with its audit event. The address part (slug) comes from the name unless given;
 * the unique index decides between two services of one name (`slug_taken`).
 */
export async function createService(db: Db, ctx: AuditContext, agencyId: number, fields: ServiceFields & { slug?: string }): Promise<{ id: number; slug: string }> {
  return db.transaction(async (tx) => {
    await checkUnit(tx, agencyId, fields.unitId);
    const slug = fields.slug ?? serviceSlug(fields.name);
    const values = Object.fromEntries(FIELD_KEYS.map((k) => [k, fields[k]])) as unknown as ServiceFields;
    const [row] = await tx
      .insert(publicServices)
      .values({ agencyId, slug, ...values })
      .onConflictDoNothing()
      .returning({ id: publicServices.id });
    if (!row) throw new ServiceCommandError("slug_taken", { slug });
    await tx.insert(serviceStandardVersions).values({ serviceId: row.id, version: 1, status: "draft", updatedByUserId: ctx.actorUserId });
    await recordAudit(tx, ctx, { agencyId, action: "service.create", targetType: "public_service", targetId: row.id, after: { slug, ...pick(FIELD_KEYS, values) } });
    return { id: row.id, slug };
  });
}

/** Changes what the catalogue says about a service (its address stays); false when the agency has no such service. */
export async function updateService(db: Db, ctx: AuditContext, agencyId: number, serviceId: number, fields: ServiceFields): Promise<boolean> {
  return db.transaction(async (tx) => {
    const before = await lockService(tx, agencyId, serviceId);
    if (!before) return false;
    await checkUnit(tx, agencyId, fields.unitId);
    const values = Object.fromEntries(FIELD_KEYS.map((k) => [k, fields[k]])) as unknown as ServiceFields;
    await tx
      .update(publicServices)
      .set({ ...values, updatedAt: sql`now()` })
      .where(eq(publicServices.id, serviceId));
    if (values.complaintRetentionDays !== undefined && before.complaintRetentionDays !== values.complaintRetentionDays) await retimeComplaintRetention(tx, serviceId, values.complaintRetentionDays);
    await recordAudit(tx, ctx, { agencyId, action: "service.update", targetType: "public_service", targetId: serviceId, before: pick(FIELD_KEYS, before), after: pick(FIELD_KEYS, values) });
    return true;
  });
}

/**
 * A new retention period applies to the service's complaints that still hold personal data: their
 * `retain_until` becomes the filing day (WIB) plus the new number of days, so the retention sweep
 * removes them on the new day (at once when it has passed).
 */
async function retimeComplaintRetention(tx: Tx, serviceId: number, days: number): Promise<void> {
  await tx
    .update(complaints)
    .set({ retainUntil: sql`((${complaints.createdAt} at time zone 'UTC' + interval '7 hours')::date + ${days}::integer)` })
    .where(and(eq(complaints.serviceId, serviceId), isNull(complaints.personalDataRemovedAt)));
}

/**
 * Starts the next version of a service's standard as a draft, copying the components of the latest
 * version (the decree is left empty: a new version needs its own). Refused while a draft exists.
 * Answers the new version number, or undefined when the agency has no such service.
 */
export async function startStandardDraft(db: Db, ctx: AuditContext, agencyId: number, serviceId: number): Promise<number | undefined> {
  return db.transaction(async (tx) => {
    if (!(await lockService(tx, agencyId, serviceId))) return undefined;
    const [latest] = await tx.select().from(serviceStandardVersions).where(eq(serviceStandardVersions.serviceId, serviceId)).orderBy(desc(serviceStandardVersions.version)).limit(1);
    if (latest?.status === "draft") throw new ServiceCommandError("draft_exists", { version: latest.version });
    const version = (latest?.version ?? 0) + 1;
    const components = latest ? (Object.fromEntries(SERVICE_COMPONENT_KEYS.map((k) => [k, latest[k]])) as ServiceComponents) : emptyComponents();
    await tx.insert(serviceStandardVersions).values({ serviceId, version, status: "draft", ...components, updatedByUserId: ctx.actorUserId });
    await recordAudit(tx, ctx, { agencyId, action: "service.standard_draft", targetType: "public_service", targetId: serviceId, after: { version, copiedFrom: latest?.version ?? null } });
    return version;
  });
}

async function versionOf(tx: Tx, serviceId: number, version: number) {
  const [row] = await tx
    .select()
    .from(serviceStandardVersions)
    .where(and(eq(serviceStandardVersions.serviceId, serviceId), eq(serviceStandardVersions.version, version)));
  return row;
}

/**
 * Saves a draft's components and decree (a version in force or replaced is never edited:
 * `not_draft`). False when the agency has no such service or version.
 */
export async function saveStandardDraft(db: Db, ctx: AuditContext, agencyId: number, serviceId: number, version: number, draft: StandardDraft): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await lockService(tx, agencyId, serviceId))) return false;
    const before = await versionOf(tx, serviceId, version);
    if (!before) return false;
    if (before.status !== "draft") throw new ServiceCommandError("not_draft", { status: before.status });
    const values = Object.fromEntries(DRAFT_KEYS.map((k) => [k, draft[k]])) as StandardDraft;
    await tx
      .update(serviceStandardVersions)
      .set({ ...values, updatedByUserId: ctx.actorUserId, updatedAt: sql`now()` })
      .where(eq(serviceStandardVersions.id, before.id));
    await recordAudit(tx, ctx, { agencyId, action: "service.standard_edit", targetType: "public_service", targetId: serviceId, before: { version, ...pick(DRAFT_KEYS, before) }, after: { version, ...pick(DRAFT_KEYS, values) } });
    return true;
  });
}

/**
 * Puts a complete draft in force: the version in force so far becomes `replaced` and the draft
 * `in_force`, in one transaction with one audit event naming both (the service row is locked, so two
 * such commands run one after the other). Refused for anything but a draft (`not_draft`) and for a
 * draft missing a component or its decree (`incomplete`, with the fields). Answers the replaced
 * version (null for the first), or undefined when the agency has no such service or version.
 */
export async function putStandardInForce(db: Db, ctx: AuditContext, agencyId: number, serviceId: number, version: number): Promise<{ replaced: number | null } | undefined> {
  return db.transaction(async (tx) => {
    if (!(await lockService(tx, agencyId, serviceId))) return undefined;
    const draft = await versionOf(tx, serviceId, version);
    if (!draft) return undefined;
    if (draft.status !== "draft") throw new ServiceCommandError("not_draft", { status: draft.status });
    const missing = missingForInForce(draft);
    if (missing.length) throw new ServiceCommandError("incomplete", { fields: missing });
    const [old] = await tx
      .update(serviceStandardVersions)
      .set({ status: "replaced", replacedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(serviceStandardVersions.serviceId, serviceId), eq(serviceStandardVersions.status, "in_force")))
      .returning({ version: serviceStandardVersions.version });
    await tx
      .update(serviceStandardVersions)
      .set({ status: "in_force", inForceAt: sql`now()`, updatedByUserId: ctx.actorUserId, updatedAt: sql`now()` })
      .where(eq(serviceStandardVersions.id, draft.id));
    await recordAudit(tx, ctx, {
      agencyId,
      action: "service.standard_in_force",
      targetType: "public_service",
      targetId: serviceId,
      before: { inForce: old?.version ?? null },
      after: { inForce: version, decreeNumber: draft.decreeNumber, decreeDate: draft.decreeDate },
    });
    return { replaced: old?.version ?? null };
  });
}
