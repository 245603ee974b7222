import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import { preparedQuery } from "./prepared";
import type { Db } from "../client";
import { agencies, assessmentAssignments, assessments, regionalTargets } from "../schema";

/** An agency of the register with its province (itself for a province). */
export interface DashboardAgency {
  id: number;
  code: string;
  name: string;
  category: "kementerian" | "lembaga" | "provinsi" | "kabupaten" | "kota";
}

/** A province by its two-digit code with its kabupaten/kota (by code), or undefined. */
export async function provinceWithChildren(db: Db, code: string): Promise<{ province: DashboardAgency; children: DashboardAgency[] } | undefined> {
  const rows: DashboardAgency[] = await provinceFamilyQuery(db).execute({ code });
  const province = rows.find((r) => r.code === code);
  return province && { province, children: rows.filter((r) => r !== province) };
}
// One statement (on every cockpit request): the province and the agencies whose parent it is.
const provinceFamilyQuery = preparedQuery((db) => {
  const cols = { id: agencies.id, code: agencies.code, name: agencies.name, category: agencies.category };
  const province = db.select({ id: agencies.id }).from(agencies).where(and(eq(agencies.code, sql.placeholder("code")), eq(agencies.category, "provinsi")));
  return db
    .select(cols)
    .from(agencies)
    .where(or(eq(agencies.id, sql`(${province})`), eq(agencies.parentId, sql`(${province})`)))
    .orderBy(asc(agencies.code))
    .prepare("province_family");
});

/** Every province of the register (code and region name), by code. */
export function listProvinces(db: Db, ids?: number[]) {
  return db
    .select({ id: agencies.id, code: agencies.code, name: agencies.name, regionName: agencies.regionName })
    .from(agencies)
    .where(and(eq(agencies.category, "provinsi"), ids ? inArray(agencies.id, ids.length ? ids : [-1]) : undefined))
    .orderBy(asc(agencies.code));
}

/** Agencies whose assessments the user is assigned to as external assessor. */
export async function externallyAssignedAgencies(db: Db, userId: number): Promise<number[]> {
  const rows = await db
    .selectDistinct({ agencyId: assessments.agencyId })
    .from(assessmentAssignments)
    .innerJoin(assessments, eq(assessmentAssignments.assessmentId, assessments.id))
    .where(and(eq(assessmentAssignments.userId, userId), eq(assessmentAssignments.role, "asesor_eksternal")));
  return rows.map((r) => r.agencyId);
}

/** The regional targets of an agency, by year. */
export function targetsOf(db: Db, agencyId: number) {
  return db.select().from(regionalTargets).where(eq(regionalTargets.agencyId, agencyId)).orderBy(asc(regionalTargets.year));
}
