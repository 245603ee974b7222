import { and, asc, eq, inArray } from "drizzle-orm";
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
  const cols = { id: agencies.id, code: agencies.code, name: agencies.name, category: agencies.category };
  const [province] = await db.select(cols).from(agencies).where(and(eq(agencies.code, code), eq(agencies.category, "provinsi")));
  if (!province) return undefined;
  const children = await db.select(cols).from(agencies).where(eq(agencies.parentId, province.id)).orderBy(asc(agencies.code));
  return { province, children };
}

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
