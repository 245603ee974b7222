import { alias } from "drizzle-orm/pg-core";
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { agencies, publicServices, serviceStandardVersions, units } from "../schema";
import type { ServiceChannel } from "../../core";

const parent = alias(agencies, "parent_agency");
const likePattern = (v: string) => `%${v.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;

/** The catalogue fields of a service with its owning unit's name. */
const serviceColumns = {
  id: publicServices.id,
  agencyId: publicServices.agencyId,
  slug: publicServices.slug,
  name: publicServices.name,
  summary: publicServices.summary,
  sector: publicServices.sector,
  unitId: publicServices.unitId,
  unitName: units.name,
  onlineUrl: publicServices.onlineUrl,
  atMpp: publicServices.atMpp,
  atOffice: publicServices.atOffice,
  feeRupiah: publicServices.feeRupiah,
  complaintRetentionDays: publicServices.complaintRetentionDays,
  updatedAt: publicServices.updatedAt,
};

export type ServiceRow = Awaited<ReturnType<typeof listAgencyServices>>[number];
export type ServiceVersionRow = typeof serviceStandardVersions.$inferSelect;

/** An agency's services by name, each with the numbers of its version in force and its draft. */
export async function listAgencyServices(db: Db, agencyId: number) {
  const rows = await db
    .select(serviceColumns)
    .from(publicServices)
    .leftJoin(units, eq(publicServices.unitId, units.id))
    .where(eq(publicServices.agencyId, agencyId))
    .orderBy(asc(publicServices.name));
  const versions = rows.length
    ? await db
        .select({ serviceId: serviceStandardVersions.serviceId, version: serviceStandardVersions.version, status: serviceStandardVersions.status, decreeNumber: serviceStandardVersions.decreeNumber, decreeDate: serviceStandardVersions.decreeDate })
        .from(serviceStandardVersions)
        .where(and(inArray(serviceStandardVersions.serviceId, rows.map((r) => r.id)), inArray(serviceStandardVersions.status, ["draft", "in_force"])))
    : [];
  return rows.map((r) => {
    const inForce = versions.find((v) => v.serviceId === r.id && v.status === "in_force");
    const draft = versions.find((v) => v.serviceId === r.id && v.status === "draft");
    return { ...r, inForce: inForce ? { version: inForce.version, decreeNumber: inForce.decreeNumber, decreeDate: inForce.decreeDate } : null, draftVersion: draft?.version ?? null };
  });
}

/** One service of an agency with every version of its standard (newest first); undefined when the agency has no such service. */
export async function agencyServiceWithVersions(db: Db, agencyId: number, serviceId: number) {
  const [service] = await db
    .select(serviceColumns)
    .from(publicServices)
    .leftJoin(units, eq(publicServices.unitId, units.id))
    .where(and(eq(publicServices.id, serviceId), eq(publicServices.agencyId, agencyId)));
  if (!service) return undefined;
  const versions = await db.select().from(serviceStandardVersions).where(eq(serviceStandardVersions.serviceId, serviceId)).orderBy(desc(serviceStandardVersions.version));
  return { service, versions };
}

export interface PublicServiceFilter {
  /** A province's code: the province itself and its kab/kota. */
  provinceCode?: string | undefined;
  agencyCode?: string | undefined;
  q?: string | undefined;
  sector?: string | undefined;
  channel?: ServiceChannel | undefined;
  id?: number | undefined;
}

/**
 * Services with a version in force, for the public catalogue: only the catalogue fields, the
 * agency, the decree and the six service-delivery components are selected — the eight internal
 * components never leave the database here. A service with no version in force is not public.
 */
export async function listPublicServices(db: Db, filter: PublicServiceFilter) {
  const where: SQL[] = [eq(serviceStandardVersions.status, "in_force")];
  if (filter.id !== undefined) where.push(eq(publicServices.id, filter.id));
  if (filter.provinceCode) where.push(or(eq(agencies.code, filter.provinceCode), eq(parent.code, filter.provinceCode))!);
  if (filter.agencyCode) where.push(eq(agencies.code, filter.agencyCode));
  if (filter.sector) where.push(eq(publicServices.sector, filter.sector));
  if (filter.channel === "online") where.push(sql`${publicServices.onlineUrl} is not null`);
  if (filter.channel === "mpp") where.push(eq(publicServices.atMpp, true));
  if (filter.channel === "office") where.push(eq(publicServices.atOffice, true));
  const q = filter.q?.trim().replace(/\s+/g, " ");
  if (q) {
    const p = likePattern(q);
    where.push(or(ilike(publicServices.name, p), ilike(publicServices.summary, p), ilike(units.name, p), ilike(agencies.name, p), ilike(serviceStandardVersions.product, p))!);
  }
  const rows = await db
    .select({
      ...serviceColumns,
      agencyCode: agencies.code,
      agencyName: agencies.name,
      category: agencies.category,
      parentCode: parent.code,
      version: serviceStandardVersions.version,
      decreeNumber: serviceStandardVersions.decreeNumber,
      decreeDate: serviceStandardVersions.decreeDate,
      inForceAt: serviceStandardVersions.inForceAt,
      requirements: serviceStandardVersions.requirements,
      procedure: serviceStandardVersions.procedure,
      duration: serviceStandardVersions.duration,
      cost: serviceStandardVersions.cost,
      product: serviceStandardVersions.product,
      complaints: serviceStandardVersions.complaints,
    })
    .from(publicServices)
    .innerJoin(serviceStandardVersions, eq(serviceStandardVersions.serviceId, publicServices.id))
    .innerJoin(agencies, eq(publicServices.agencyId, agencies.id))
    .leftJoin(parent, eq(agencies.parentId, parent.id))
    .leftJoin(units, eq(publicServices.unitId, units.id))
    .where(and(...where))
    .orderBy(asc(agencies.code), asc(publicServices.name), asc(publicServices.id));
  return rows.map(({ parentCode, ...r }) => ({ ...r, provinceCode: r.category === "provinsi" ? r.agencyCode : parentCode }));
}

export type PublicServiceRow = Awaited<ReturnType<typeof listPublicServices>>[number];
