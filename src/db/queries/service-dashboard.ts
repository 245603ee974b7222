import { alias } from "drizzle-orm/pg-core";
import { and, asc, desc, eq, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { agencies, applications, assessments, complaints, complaintTransitions, periods, publicServices, units } from "../schema";

const parent = alias(agencies, "dash_parent_agency");

/** Which agencies a dashboard covers: one agency, or a province's own agency and its kab/kota. */
export type DashboardScope = { agencyId: number } | { provinceCode: string };

const scopeWhere = (scope: DashboardScope, agencyIdColumn: typeof complaints.agencyId | typeof applications.agencyId): SQL =>
  "agencyId" in scope ? eq(agencyIdColumn, scope.agencyId) : or(eq(agencies.code, scope.provinceCode), eq(parent.code, scope.provinceCode))!;

/** The year of an instant in WIB, as SQL. */
const wibYear = (column: SQL | typeof complaints.createdAt | typeof applications.submittedAt) => sql`extract(year from (${column} at time zone 'Asia/Jakarta'))`;

/** Complaints filed in a year (WIB) in a scope, with agency, service and owning unit, and their histories. */
export async function dashboardComplaints(db: Db, scope: DashboardScope, year: number) {
  const rows = await db
    .select({
      id: complaints.id,
      agencyCode: agencies.code,
      agencyName: agencies.name,
      serviceId: complaints.serviceId,
      serviceName: publicServices.name,
      unitId: publicServices.unitId,
      unitName: units.name,
      filedOn: sql<string>`to_char(${complaints.createdAt} at time zone 'Asia/Jakarta', 'YYYY-MM-DD')`,
    })
    .from(complaints)
    .innerJoin(agencies, eq(agencies.id, complaints.agencyId))
    .leftJoin(parent, eq(agencies.parentId, parent.id))
    .leftJoin(publicServices, eq(publicServices.id, complaints.serviceId))
    .leftJoin(units, eq(units.id, publicServices.unitId))
    .where(and(scopeWhere(scope, complaints.agencyId), sql`${wibYear(complaints.createdAt)} = ${year}`))
    .orderBy(asc(complaints.id));
  const history = new Map<number, (typeof complaintTransitions.$inferSelect)[]>();
  const ids = rows.map((r) => r.id);
  // In slices: a province's year can hold many complaints, and a statement has a parameter limit.
  for (let i = 0; i < ids.length; i += 5000) {
    const part = await db.select().from(complaintTransitions).where(inArray(complaintTransitions.complaintId, ids.slice(i, i + 5000))).orderBy(asc(complaintTransitions.complaintId), asc(complaintTransitions.seq));
    for (const t of part) (history.get(t.complaintId) ?? history.set(t.complaintId, []).get(t.complaintId)!).push(t);
  }
  return rows.map((r) => ({ ...r, transitions: history.get(r.id) ?? [] }));
}

export type DashboardComplaintRow = Awaited<ReturnType<typeof dashboardComplaints>>[number];

/**
 * Applications submitted in a year (WIB) in a scope, counted in the database per agency, service
 * and month: volume, closed, closed by the case deadline, open, open past the case deadline on
 * `today`, and the processing days of each closed one (for medians over any grouping).
 */
export async function dashboardApplications(db: Db, scope: DashboardScope, year: number, today: string) {
  const closedOnTime = sql`${applications.terminal} and (${applications.caseDeadline} is null or (${applications.closedAt} at time zone 'Asia/Jakarta')::date <= ${applications.caseDeadline})`;
  const month = sql<string>`to_char(${applications.submittedAt} at time zone 'Asia/Jakarta', 'YYYY-MM')`;
  return db
    .select({
      agencyCode: agencies.code,
      agencyName: agencies.name,
      serviceId: applications.serviceId,
      serviceName: publicServices.name,
      unitId: publicServices.unitId,
      unitName: units.name,
      month,
      submitted: sql<number>`count(*)::int`,
      closed: sql<number>`count(*) filter (where ${applications.terminal})::int`,
      closedOnTime: sql<number>`count(*) filter (where ${closedOnTime})::int`,
      overdue: sql<number>`count(*) filter (where not ${applications.terminal} and ${applications.caseDeadline} < ${today}::date)::int`,
      /** Processing days of the closed ones, comma-separated (a text list reads alike on every driver), for medians of any group. */
      days: sql<string | null>`string_agg((extract(epoch from ${applications.closedAt} - ${applications.submittedAt}) / 86400)::float8::text, ',') filter (where ${applications.terminal})`,
    })
    .from(applications)
    .innerJoin(agencies, eq(agencies.id, applications.agencyId))
    .leftJoin(parent, eq(agencies.parentId, parent.id))
    .innerJoin(publicServices, eq(publicServices.id, applications.serviceId))
    .leftJoin(units, eq(units.id, publicServices.unitId))
    .where(and(scopeWhere(scope, applications.agencyId), ne(applications.state, "draft"), sql`${applications.submittedAt} is not null`, sql`${wibYear(applications.submittedAt)} = ${year}`))
    .groupBy(agencies.code, agencies.name, applications.serviceId, publicServices.name, publicServices.unitId, units.name, month)
    .orderBy(asc(agencies.code), asc(publicServices.name));
}

export type DashboardApplicationRow = Awaited<ReturnType<typeof dashboardApplications>>[number];

/** An agency's assessments under these instruments, newest period first (year, then id). */
export async function agencyAssessmentsUnder(db: Db, agencyId: number, instrumentIds: readonly string[]) {
  if (!instrumentIds.length) return [];
  return db
    .select({ assessmentId: assessments.id, stage: assessments.stage, instrumentId: periods.instrumentId, periodName: periods.name, year: periods.year })
    .from(assessments)
    .innerJoin(periods, eq(periods.id, assessments.periodId))
    .where(and(eq(assessments.agencyId, agencyId), inArray(periods.instrumentId, [...instrumentIds])))
    .orderBy(desc(periods.year), desc(periods.id), desc(assessments.id));
}
