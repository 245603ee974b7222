import { and, asc, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import {
  actionComments,
  actionEvidence,
  agencies,
  answers,
  assessmentAssignments,
  assessmentRecommendations,
  assessmentResults,
  assessments,
  evidence,
  improvementActions,
  periods,
  recommendations,
  units,
  users,
} from "../schema";

/** One recommendation by id (scoping is the caller's job). */
export async function findRecommendation(db: Db, id: number) {
  const [row] = await db.select().from(recommendations).where(eq(recommendations.id, id));
  return row;
}

/** One improvement action by id (scoping is the caller's job). */
export async function findAction(db: Db, id: number) {
  const [row] = await db.select().from(improvementActions).where(eq(improvementActions.id, id));
  return row;
}

/** Whether the user is an external assessor assigned to any assessment of the agency. */
export async function isAssignedExternal(db: Db, userId: number, agencyId: number): Promise<boolean> {
  const rows = await db
    .select({ id: assessmentAssignments.id })
    .from(assessmentAssignments)
    .innerJoin(assessments, eq(assessmentAssignments.assessmentId, assessments.id))
    .where(and(eq(assessmentAssignments.userId, userId), eq(assessmentAssignments.role, "asesor_eksternal"), eq(assessments.agencyId, agencyId)))
    .limit(1);
  return rows.length > 0;
}

/** The saved general recommendation of an assessment with its editor's name. */
export async function generalRecommendationOf(db: Db, assessmentId: number) {
  const [row] = await db
    .select({ text: assessmentRecommendations.text, editedAt: assessmentRecommendations.editedAt, editedBy: users.name })
    .from(assessmentRecommendations)
    .leftJoin(users, eq(assessmentRecommendations.editedByUserId, users.id))
    .where(eq(assessmentRecommendations.assessmentId, assessmentId));
  return row;
}

/** Recommendations of these agencies, optionally of one period or of one year (period year, or creation year without a period). */
async function recommendationsOf(db: Db, agencyIds: number[], filter: { periodId?: number; year?: number }) {
  if (!agencyIds.length) return [];
  const where = [inArray(recommendations.agencyId, agencyIds)];
  if (filter.periodId !== undefined) where.push(eq(recommendations.periodId, filter.periodId));
  if (filter.year !== undefined) {
    where.push(or(eq(periods.year, filter.year), and(isNull(recommendations.periodId), sql`extract(year from ${recommendations.createdAt} at time zone 'Asia/Jakarta') = ${filter.year}`))!);
  }
  return db
    .select({ recommendation: recommendations, periodName: periods.name, periodYear: periods.year, periodInstrument: periods.instrumentId, authorName: users.name, agencyCode: agencies.code, agencyName: agencies.name })
    .from(recommendations)
    .innerJoin(agencies, eq(recommendations.agencyId, agencies.id))
    .leftJoin(periods, eq(recommendations.periodId, periods.id))
    .leftJoin(users, eq(recommendations.authorUserId, users.id))
    .where(and(...where))
    .orderBy(asc(agencies.code), desc(recommendations.createdAt), desc(recommendations.id));
}
export type RecommendationListRow = Awaited<ReturnType<typeof recommendationsOf>>[number];

/** Actions of these recommendations with their owner unit's name, oldest first. */
async function actionsOf(db: Db, recommendationIds: number[]) {
  if (!recommendationIds.length) return [];
  return db
    .select({ action: improvementActions, unitName: units.name })
    .from(improvementActions)
    .leftJoin(units, eq(improvementActions.ownerUnitId, units.id))
    .where(inArray(improvementActions.recommendationId, recommendationIds))
    .orderBy(asc(improvementActions.id));
}
export type ActionListRow = Awaited<ReturnType<typeof actionsOf>>[number];

/** These actions (by id) with their owner unit's name, oldest first. */
export async function actionRows(db: Db, actionIds: number[]) {
  if (!actionIds.length) return [];
  return db
    .select({ action: improvementActions, unitName: units.name })
    .from(improvementActions)
    .leftJoin(units, eq(improvementActions.ownerUnitId, units.id))
    .where(inArray(improvementActions.id, actionIds))
    .orderBy(asc(improvementActions.id));
}

/** Comments and progress evidence of these actions. */
export async function actionDetailsOf(db: Db, actionIds: number[]) {
  if (!actionIds.length) return { comments: [], evidence: [] };
  const comments = await db
    .select({ id: actionComments.id, actionId: actionComments.actionId, body: actionComments.body, createdAt: actionComments.createdAt, authorName: users.name })
    .from(actionComments)
    .leftJoin(users, eq(actionComments.authorUserId, users.id))
    .where(inArray(actionComments.actionId, actionIds))
    .orderBy(asc(actionComments.id));
  const linked = await db
    .select({ actionId: actionEvidence.actionId, id: evidence.id, title: evidence.title, documentNumber: evidence.documentNumber })
    .from(actionEvidence)
    .innerJoin(evidence, eq(actionEvidence.evidenceId, evidence.id))
    .where(inArray(actionEvidence.actionId, actionIds))
    .orderBy(asc(actionEvidence.createdAt), asc(evidence.id));
  return { comments, evidence: linked };
}
export type ActionDetails = Awaited<ReturnType<typeof actionDetailsOf>>;

/** Recommendations of agencies with every action, comment and progress evidence link. */
export async function planningBook(db: Db, agencyIds: number[], filter: { periodId?: number; year?: number } = {}) {
  const recs = await recommendationsOf(db, agencyIds, filter);
  const actions = await actionsOf(db, recs.map((r) => r.recommendation.id));
  const details = await actionDetailsOf(db, actions.map((a) => a.action.id));
  return { recommendations: recs, actions, ...details };
}
export type PlanningBook = Awaited<ReturnType<typeof planningBook>>;

/** The kabupaten/kota under a province, by code. */
export function childAgencies(db: Db, provinceId: number) {
  return db.select({ id: agencies.id, code: agencies.code, name: agencies.name }).from(agencies).where(eq(agencies.parentId, provinceId)).orderBy(asc(agencies.code));
}

/**
 * Each agency's latest assessment (latest period year, then latest period), up to `year` when
 * given, with its period and latest result revision if finalised.
 */
export async function latestAssessments(db: Db, agencyIds: number[], year?: number) {
  if (!agencyIds.length) return [];
  const rows = await db
    .select({ assessment: assessments, period: periods })
    .from(assessments)
    .innerJoin(periods, eq(assessments.periodId, periods.id))
    .where(and(inArray(assessments.agencyId, agencyIds), year === undefined ? undefined : sql`${periods.year} <= ${year}`))
    .orderBy(desc(periods.year), desc(periods.id));
  const latest = new Map<number, (typeof rows)[number]>();
  for (const r of rows) if (!latest.has(r.assessment.agencyId)) latest.set(r.assessment.agencyId, r);
  const ids = [...latest.values()].map((r) => r.assessment.id);
  const results = ids.length ? await db.select().from(assessmentResults).where(inArray(assessmentResults.assessmentId, ids)).orderBy(desc(assessmentResults.revision)) : [];
  return [...latest.values()].map((r) => ({ ...r, result: results.find((x) => x.assessmentId === r.assessment.id) ?? null }));
}

/** Whether a unit belongs to the agency. */
export async function unitBelongsTo(db: Db, agencyId: number, unitId: number): Promise<boolean> {
  const rows = await db.select({ id: units.id }).from(units).where(and(eq(units.id, unitId), eq(units.agencyId, agencyId)));
  return rows.length > 0;
}

/** An agency by id with its code and name. */
export async function agencyById(db: Db, id: number) {
  const [row] = await db.select({ id: agencies.id, code: agencies.code, name: agencies.name, category: agencies.category, parentId: agencies.parentId }).from(agencies).where(eq(agencies.id, id));
  return row;
}

/** An agency by code with its category. */
export async function agencyByCode(db: Db, code: string) {
  const [row] = await db.select({ id: agencies.id, code: agencies.code, name: agencies.name, category: agencies.category, parentId: agencies.parentId }).from(agencies).where(eq(agencies.code, code));
  return row;
}

/** Level answers of several assessments (every stage). */
export async function answerLevelsOf(db: Db, assessmentIds: number[]) {
  if (!assessmentIds.length) return [];
  return db.select({ assessmentId: answers.assessmentId, indicatorCode: answers.indicatorCode, stage: answers.stage, level: answers.level }).from(answers).where(inArray(answers.assessmentId, assessmentIds));
}
