import { asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { answerEvidence, answers, assessmentResults, assessments, periods } from "../schema";

const ids = (list: number[]) => (list.length ? list : [-1]);

/** Every assessment of some agencies with its period, newest period first. */
export function assessmentsOfAgencies(db: Db, agencyIds: number[]) {
  return db
    .select({
      id: assessments.id,
      agencyId: assessments.agencyId,
      stage: assessments.stage,
      periodId: periods.id,
      periodName: periods.name,
      year: periods.year,
      kind: periods.kind,
      withVisit: periods.withVisit,
      instrumentId: periods.instrumentId,
      predicatePolicy: periods.predicatePolicy,
    })
    .from(assessments)
    .innerJoin(periods, eq(assessments.periodId, periods.id))
    .where(inArray(assessments.agencyId, ids(agencyIds)))
    .orderBy(desc(periods.year), desc(periods.id));
}
export type AgencyAssessment = Awaited<ReturnType<typeof assessmentsOfAgencies>>[number];

/** The latest result revision of each of some assessments (finalised ones only have one). */
export function latestResultsOf(db: Db, assessmentIds: number[]) {
  return db
    .selectDistinctOn([assessmentResults.assessmentId], { assessmentId: assessmentResults.assessmentId, levels: assessmentResults.levels, index10k: assessmentResults.index10k, predicate: assessmentResults.predicate })
    .from(assessmentResults)
    .where(inArray(assessmentResults.assessmentId, ids(assessmentIds)))
    .orderBy(asc(assessmentResults.assessmentId), desc(assessmentResults.revision));
}

/**
 * The levels of the newest finalised result of every agency in the country, for one instrument:
 * per agency its newest final assessment of a national period (a province's own rehearsal periods
 * do not count), at its latest revision. For the national aspect averages of the cockpit.
 */
export async function latestNationalResultLevels(db: Db, instrumentId: string): Promise<Record<string, number>[]> {
  const rows = (await db.execute(sql`
    select distinct on (a.agency_id) r.levels
    from assessments a
    join periods p on p.id = a.period_id
    join lateral (select levels from assessment_results r where r.assessment_id = a.id order by r.revision desc limit 1) r on true
    where a.stage = 'final' and p.owner_agency_id is null and p.instrument_id = ${instrumentId}
    order by a.agency_id, p.year desc, a.id desc`)) as unknown as { rows: { levels: Record<string, number> }[] };
  return rows.rows.map((r) => r.levels);
}

/** The answers of some assessments (only the fields the cockpit uses). */
export function answersOfAssessments(db: Db, assessmentIds: number[]) {
  return db
    .select({ assessmentId: answers.assessmentId, stage: answers.stage, indicatorCode: answers.indicatorCode, level: answers.level, verified: answers.verified })
    .from(answers)
    .where(inArray(answers.assessmentId, ids(assessmentIds)));
}

/** How many pieces of evidence each indicator of some assessments has: "assessmentId:code" → count. */
export async function evidenceCountsOf(db: Db, assessmentIds: number[]): Promise<Map<string, number>> {
  const rows = await db
    .select({ assessmentId: answerEvidence.assessmentId, code: answerEvidence.indicatorCode, n: count() })
    .from(answerEvidence)
    .where(inArray(answerEvidence.assessmentId, ids(assessmentIds)))
    .groupBy(answerEvidence.assessmentId, answerEvidence.indicatorCode);
  return new Map(rows.map((r) => [`${r.assessmentId}:${r.code}`, Number(r.n)]));
}
