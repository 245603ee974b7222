import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { agencies, answers, assessmentResults, assessments, periods, users } from "../schema";
import { preparedQuery } from "./prepared";

/** One assessment with its period, agency and response-cache generation (`db/queries/cache-generations.ts`). */
export async function findAssessment(db: Db, id: number) {
  const [row] = await findAssessmentQuery(db).execute({ id });
  return row;
}
const findAssessmentQuery = preparedQuery((db) =>
  db
    .select({
      assessment: assessments,
      period: periods,
      agencyCode: agencies.code,
      agencyName: agencies.name,
      // The response-cache counter, read in the same statement (one snapshot) as the row itself.
      generation: sql<number>`coalesce((select g.generation from cache_generations g where g.scope = 'assessment:' || ${assessments.id}), 0)::int8`.mapWith(Number),
    })
    .from(assessments)
    .innerJoin(periods, eq(assessments.periodId, periods.id))
    .innerJoin(agencies, eq(assessments.agencyId, agencies.id))
    .where(eq(assessments.id, sql.placeholder("id")))
    .prepare("find_assessment"),
);

/** Every answer of an assessment, all stages. */
export function answersOf(db: Db, assessmentId: number) {
  return db.select().from(answers).where(eq(answers.assessmentId, assessmentId)).orderBy(asc(answers.id));
}

/** All result revisions of an assessment, oldest first, with the name of who finalised or corrected each. */
export function resultsWithAuthorsOf(db: Db, assessmentId: number) {
  return db
    .select({ result: assessmentResults, authorName: users.name })
    .from(assessmentResults)
    .leftJoin(users, eq(users.id, assessmentResults.createdByUserId))
    .where(eq(assessmentResults.assessmentId, assessmentId))
    .orderBy(asc(assessmentResults.revision));
}

/**
 * Periods with their assessments for the given agencies (or all when `agencyIds` is "all"), plus
 * the given assessments of other agencies (an external assessor's assignments).
 */
export async function listPeriodsWithAssessments(db: Db, agencyIds: number[] | "all", assessmentIds: number[] = []) {
  const rows = await db
    .select({ period: periods, assessmentId: assessments.id, agencyCode: agencies.code, agencyName: agencies.name, stage: assessments.stage })
    .from(periods)
    .leftJoin(assessments, eq(assessments.periodId, periods.id))
    .leftJoin(agencies, eq(assessments.agencyId, agencies.id))
    .where(
      agencyIds === "all"
        ? undefined
        : or(
            inArray(assessments.agencyId, agencyIds.length ? agencyIds : [-1]),
            inArray(assessments.id, assessmentIds.length ? assessmentIds : [-1]),
            and(isNull(assessments.id), inArray(periods.ownerAgencyId, agencyIds.length ? agencyIds : [-1])),
          ),
    )
    .orderBy(asc(periods.year), asc(periods.id), asc(agencies.code));
  return rows;
}
