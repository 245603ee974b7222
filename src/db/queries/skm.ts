import { alias } from "drizzle-orm/pg-core";
import { and, asc, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { agencies, publicServices, skmFollowUps, skmResponses, skmSurveys, units } from "../schema";

const parent = alias(agencies, "skm_parent_agency");

const surveyColumns = {
  id: skmSurveys.id,
  agencyId: skmSurveys.agencyId,
  agencyCode: agencies.code,
  agencyName: agencies.name,
  agencyCategory: agencies.category,
  parentCode: parent.code,
  serviceId: skmSurveys.serviceId,
  serviceName: publicServices.name,
  unitId: publicServices.unitId,
  unitName: units.name,
  title: skmSurveys.title,
  periodStart: skmSurveys.periodStart,
  periodEnd: skmSurveys.periodEnd,
  status: skmSurveys.status,
  population: skmSurveys.population,
  counters: skmSurveys.counters,
  demo: skmSurveys.demo,
  openedAt: skmSurveys.openedAt,
  closedAt: skmSurveys.closedAt,
  createdAt: skmSurveys.createdAt,
};

function surveysQuery(db: Db, where: SQL | undefined) {
  return db
    .select(surveyColumns)
    .from(skmSurveys)
    .innerJoin(publicServices, eq(skmSurveys.serviceId, publicServices.id))
    .innerJoin(agencies, eq(skmSurveys.agencyId, agencies.id))
    .leftJoin(parent, eq(agencies.parentId, parent.id))
    .leftJoin(units, eq(publicServices.unitId, units.id))
    .where(where);
}

const withProvince = <T extends { agencyCategory: string; agencyCode: string; parentCode: string | null }>(r: T) => ({ ...r, provinceCode: r.agencyCategory === "provinsi" ? r.agencyCode : r.parentCode });

export type SurveyRow = ReturnType<typeof withProvince<Awaited<ReturnType<typeof surveysQuery>>[number]>> & { respondents: number };

/** Respondents per survey. */
async function respondentCounts(db: Db, surveyIds: number[]): Promise<Map<number, number>> {
  if (surveyIds.length === 0) return new Map();
  const rows = await db
    .select({ surveyId: skmResponses.surveyId, n: sql<number>`count(*)` })
    .from(skmResponses)
    .where(inArray(skmResponses.surveyId, surveyIds))
    .groupBy(skmResponses.surveyId);
  return new Map(rows.map((r) => [r.surveyId, Number(r.n)]));
}

/** An agency's surveys, newest period first, optionally of one service, with their respondent counts. */
export async function listSurveys(db: Db, agencyId: number, filter: { serviceId?: number } = {}): Promise<SurveyRow[]> {
  const where = [eq(skmSurveys.agencyId, agencyId)];
  if (filter.serviceId !== undefined) where.push(eq(skmSurveys.serviceId, filter.serviceId));
  const rows = await surveysQuery(db, and(...where)).orderBy(desc(skmSurveys.periodStart), asc(publicServices.name), asc(skmSurveys.id));
  const counts = await respondentCounts(db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...withProvince(r), respondents: counts.get(r.id) ?? 0 }));
}

/** One survey of an agency (undefined: none), or of any agency when `agencyId` is null (the public page). */
export async function surveyById(db: Db, agencyId: number | null, surveyId: number): Promise<SurveyRow | undefined> {
  const [row] = await surveysQuery(db, agencyId === null ? eq(skmSurveys.id, surveyId) : and(eq(skmSurveys.id, surveyId), eq(skmSurveys.agencyId, agencyId)));
  if (!row) return undefined;
  return { ...withProvince(row), respondents: (await respondentCounts(db, [row.id])).get(row.id) ?? 0 };
}

/** The 36 counts of an IKM tally (element × answer) as SQL: `count(*) filter (where uE = V)`. */
const COUNT_COLUMNS = Object.fromEntries(
  Array.from({ length: 36 }, (_, i) => {
    const e = Math.floor(i / 4) + 1;
    const v = (i % 4) + 1;
    return [`c${i}`, sql<number>`count(*) filter (where ${sql.raw(`"u${e}"`)} = ${sql.raw(String(v))})`];
  }),
) as Record<`c${number}`, SQL<number>>;

/** Per survey: respondents and the 36 counts (element × answer) of its tally, computed in the database. */
export async function surveyTallies(db: Db, surveyIds: number[]): Promise<Map<number, { respondents: number; counts: number[] }>> {
  const out = new Map<number, { respondents: number; counts: number[] }>();
  if (surveyIds.length === 0) return out;
  const rows = (await db
    .select({ surveyId: skmResponses.surveyId, respondents: sql<number>`count(*)`, ...COUNT_COLUMNS })
    .from(skmResponses)
    .where(inArray(skmResponses.surveyId, surveyIds))
    .groupBy(skmResponses.surveyId)) as unknown as Record<string, unknown>[];
  for (const r of rows) {
    out.set(Number(r.surveyId), { respondents: Number(r.respondents), counts: Array.from({ length: 36 }, (_, i) => Number(r[`c${i}`])) });
  }
  return out;
}

export interface SurveyScope {
  /** One agency. */
  agencyId?: number;
  /** A province's code: its own agency and its kab/kota (like the cockpit). */
  provinceCode?: string;
  /** Surveys whose period starts in this year. */
  year?: number;
  /** Leave drafts out (open data, aggregation). */
  publishedOnly?: boolean;
}

/** The surveys in a scope (agency or province, year), with respondent counts. */
export async function surveysInScope(db: Db, scope: SurveyScope): Promise<SurveyRow[]> {
  const where: SQL[] = [];
  if (scope.agencyId !== undefined) where.push(eq(skmSurveys.agencyId, scope.agencyId));
  if (scope.provinceCode !== undefined) where.push(or(eq(agencies.code, scope.provinceCode), eq(parent.code, scope.provinceCode))!);
  if (scope.year !== undefined) where.push(sql`extract(year from ${skmSurveys.periodStart}) = ${scope.year}`);
  if (scope.publishedOnly) where.push(inArray(skmSurveys.status, ["open", "closed"]));
  const rows = await surveysQuery(db, and(...where)).orderBy(asc(agencies.code), asc(publicServices.name), asc(skmSurveys.periodStart), asc(skmSurveys.id));
  const counts = await respondentCounts(db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...withProvince(r), respondents: counts.get(r.id) ?? 0 }));
}

/** A survey's follow-up actions, in the order they were added, with the owner unit's name. */
export async function listFollowUps(db: Db, surveyIds: number[]) {
  if (surveyIds.length === 0) return [];
  return db
    .select({
      id: skmFollowUps.id,
      surveyId: skmFollowUps.surveyId,
      element: skmFollowUps.element,
      action: skmFollowUps.action,
      ownerUnitId: skmFollowUps.ownerUnitId,
      ownerUnitName: units.name,
      dueDate: skmFollowUps.dueDate,
      status: skmFollowUps.status,
      improvementActionId: skmFollowUps.improvementActionId,
      updatedAt: skmFollowUps.updatedAt,
    })
    .from(skmFollowUps)
    .leftJoin(units, eq(skmFollowUps.ownerUnitId, units.id))
    .where(inArray(skmFollowUps.surveyId, surveyIds))
    .orderBy(asc(skmFollowUps.id));
}

export type FollowUpRow = Awaited<ReturnType<typeof listFollowUps>>[number];
