import { and, asc, eq, inArray, isNull, or } from "drizzle-orm";
import type { Db } from "../client";
import { agencies, answers, assessments, periods } from "../schema";

/** One assessment with its period and agency. */
export async function findAssessment(db: Db, id: number) {
  const [row] = await db
    .select({ assessment: assessments, period: periods, agencyCode: agencies.code, agencyName: agencies.name })
    .from(assessments)
    .innerJoin(periods, eq(assessments.periodId, periods.id))
    .innerJoin(agencies, eq(assessments.agencyId, agencies.id))
    .where(eq(assessments.id, id));
  return row;
}

/** Every answer of an assessment, all stages. */
export function answersOf(db: Db, assessmentId: number) {
  return db.select().from(answers).where(eq(answers.assessmentId, assessmentId)).orderBy(asc(answers.id));
}

/** Periods with their assessments for the given agencies (or all when `agencyIds` is "all"). */
export async function listPeriodsWithAssessments(db: Db, agencyIds: number[] | "all") {
  const rows = await db
    .select({ period: periods, assessmentId: assessments.id, agencyCode: agencies.code, agencyName: agencies.name, stage: assessments.stage })
    .from(periods)
    .leftJoin(assessments, eq(assessments.periodId, periods.id))
    .leftJoin(agencies, eq(assessments.agencyId, agencies.id))
    .where(agencyIds === "all" ? undefined : or(inArray(assessments.agencyId, agencyIds.length ? agencyIds : [-1]), and(isNull(assessments.id), inArray(periods.ownerAgencyId, agencyIds.length ? agencyIds : [-1]))))
    .orderBy(asc(periods.year), asc(periods.id), asc(agencies.code));
  return rows;
}
