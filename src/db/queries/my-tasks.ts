import { and, asc, eq, inArray, isNotNull, lte, ne, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { agencies, assessmentAssignments, assessments, clarificationThreads, improvementActions, periods } from "../schema";

/**
 * Which open assessments to load for a user's task list: those of some agencies, some assessments
 * by id (assignments), those waiting for the review team, those in periods some agencies own, or
 * every one (administrators). The caller decides from the actor; policies filter afterwards.
 */
export interface OpenAssessmentScope {
  agencyIds: number[];
  assessmentIds: number[];
  ownerAgencyIds: number[];
  pendingReview: boolean;
  all: boolean;
}

/**
 * Assessments not yet final within `scope`, with their period (name, kind, schedule, instrument),
 * agency, the indicator codes with a value at the open stage and how many self-assessment values
 * still wait for verification.
 */
export async function openAssessmentsFor(db: Db, scope: OpenAssessmentScope) {
  const any = (ids: number[]) => (ids.length ? ids : [-1]);
  const where: SQL[] = [];
  if (scope.all) where.push(sql`true`);
  if (scope.agencyIds.length) where.push(inArray(assessments.agencyId, any(scope.agencyIds)));
  if (scope.assessmentIds.length) where.push(inArray(assessments.id, any(scope.assessmentIds)));
  if (scope.ownerAgencyIds.length) where.push(inArray(periods.ownerAgencyId, any(scope.ownerAgencyIds)));
  if (scope.pendingReview) where.push(eq(assessments.reviewStatus, "pending"));
  if (!where.length) return [];
  return db
    .select({
      id: assessments.id,
      stage: assessments.stage,
      reviewStatus: assessments.reviewStatus,
      agencyId: assessments.agencyId,
      agencyCode: agencies.code,
      agencyName: agencies.name,
      periodId: periods.id,
      periodName: periods.name,
      periodKind: periods.kind,
      withVisit: periods.withVisit,
      schedule: periods.schedule,
      instrumentId: periods.instrumentId,
      ownerAgencyId: periods.ownerAgencyId,
      answeredCodes: sql<string[]>`coalesce((select array_agg(a.indicator_code) from answers a where a.assessment_id = "assessments"."id" and a.stage = "assessments"."stage" and a.value_hundredths is not null), '{}')`,
      unverified: sql<number>`(select count(*) from answers a where a.assessment_id = "assessments"."id" and a.stage = 'mandiri' and a.value_hundredths is not null and not a.verified)`.mapWith(Number),
    })
    .from(assessments)
    .innerJoin(periods, eq(periods.id, assessments.periodId))
    .innerJoin(agencies, eq(agencies.id, assessments.agencyId))
    .where(and(ne(assessments.stage, "final"), or(...where)))
    .orderBy(asc(periods.year), asc(periods.id), asc(agencies.code));
}
export type OpenAssessmentRow = Awaited<ReturnType<typeof openAssessmentsFor>>[number];

/** Every assignment of a user (external assessor, internal assessor's indicators) with the assessment's agency. */
export function assignmentsOfUser(db: Db, userId: number) {
  return db
    .select({ assessmentId: assessmentAssignments.assessmentId, agencyId: assessments.agencyId, role: assessmentAssignments.role, indicatorCodes: assessmentAssignments.indicatorCodes })
    .from(assessmentAssignments)
    .innerJoin(assessments, eq(assessments.id, assessmentAssignments.assessmentId))
    .where(eq(assessmentAssignments.userId, userId));
}

/** Open clarification threads of these assessments with the side of their latest message (null: no message yet). */
export async function openClarificationsOf(db: Db, assessmentIds: number[]) {
  if (!assessmentIds.length) return [];
  return db
    .select({
      assessmentId: clarificationThreads.assessmentId,
      indicatorCode: clarificationThreads.indicatorCode,
      lastSide: sql<string | null>`(select m.side from clarification_messages m where m.thread_id = "clarification_threads"."id" order by m.created_at desc, m.id desc limit 1)`,
    })
    .from(clarificationThreads)
    .where(and(inArray(clarificationThreads.assessmentId, assessmentIds), eq(clarificationThreads.status, "open")))
    .orderBy(asc(clarificationThreads.assessmentId), asc(clarificationThreads.indicatorCode));
}

/** Improvement actions of these agencies not yet done and due on or before `until` (overdue ones included), soonest first. */
export async function actionsDueOf(db: Db, agencyIds: number[], until: string) {
  if (!agencyIds.length) return [];
  return db
    .select({ id: improvementActions.id, title: improvementActions.title, dueDate: improvementActions.dueDate, status: improvementActions.status, agencyCode: agencies.code, agencyName: agencies.name })
    .from(improvementActions)
    .innerJoin(agencies, eq(agencies.id, improvementActions.agencyId))
    .where(and(inArray(improvementActions.agencyId, agencyIds), ne(improvementActions.status, "done"), isNotNull(improvementActions.dueDate), lte(improvementActions.dueDate, until)))
    .orderBy(asc(improvementActions.dueDate), asc(improvementActions.id));
}

/** One agency's open cases waiting for an officer: how many, how many past their state's deadline, the nearest deadline. */
export interface WaitingCases {
  agencyId: number;
  agencyCode: string;
  agencyName: string;
  count: number;
  overdue: number;
  nearestDeadline: string | null;
}

/**
 * Open online applications of `agencyId` in a state one of `roles` acts in, not paused for the
 * citizen, and unclaimed or claimed by `userId`: what the officer's role queue shows first.
 */
export async function applicationsWaitingFor(db: Db, input: { agencyId: number; roles: string[]; userId: number; today: string }): Promise<WaitingCases | null> {
  if (!input.roles.length) return null;
  const result = await db.execute(sql`
    select g.id as "agencyId", g.code as "agencyCode", g.name as "agencyName", count(*)::int as count,
           count(*) filter (where a.state_deadline < ${input.today})::int as overdue, min(a.state_deadline)::text as "nearestDeadline"
    from applications a join agencies g on g.id = a.agency_id
    where a.agency_id = ${input.agencyId} and not a.terminal and not a.paused and a.state <> 'draft'
      and a.state_roles && array(select jsonb_array_elements_text(${JSON.stringify(input.roles)}::jsonb))
      and (a.claimed_by_user_id is null or a.claimed_by_user_id = ${input.userId})
    group by g.id, g.code, g.name`);
  return ((result as unknown as { rows: WaitingCases[] }).rows[0] ?? null);
}

