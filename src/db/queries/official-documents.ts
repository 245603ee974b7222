import { and, asc, desc, eq, inArray, isNull, or } from "drizzle-orm";
import type { Db } from "../client";
import { assessmentResults, documentJobs, improvementActions, recommendations, units, users } from "../schema";

/** The latest result revision of an assessment with its author's name and NIP (the evaluator of the LHE); undefined before finalisation. */
export async function latestResultWithAuthor(db: Db, assessmentId: number) {
  const [row] = await db
    .select({ result: assessmentResults, authorName: users.name, authorNip: users.nip })
    .from(assessmentResults)
    .leftJoin(users, eq(users.id, assessmentResults.createdByUserId))
    .where(eq(assessmentResults.assessmentId, assessmentId))
    .orderBy(desc(assessmentResults.revision))
    .limit(1);
  return row;
}

/**
 * The recommendations the LHE of an assessment lists (those tied to it, or to its period without an
 * assessment) and their improvement actions with the owner unit's name, oldest first.
 */
export async function recommendationsForReport(db: Db, input: { agencyId: number; periodId: number; assessmentId: number }) {
  const recs = await db
    .select({ id: recommendations.id, text: recommendations.text, source: recommendations.source, priority: recommendations.priority })
    .from(recommendations)
    .where(
      and(
        eq(recommendations.agencyId, input.agencyId),
        or(eq(recommendations.assessmentId, input.assessmentId), and(isNull(recommendations.assessmentId), eq(recommendations.periodId, input.periodId))),
      ),
    )
    .orderBy(asc(recommendations.createdAt), asc(recommendations.id));
  const actions = recs.length
    ? await db
        .select({ action: improvementActions, unitName: units.name })
        .from(improvementActions)
        .leftJoin(units, eq(improvementActions.ownerUnitId, units.id))
        .where(
          inArray(
            improvementActions.recommendationId,
            recs.map((r) => r.id),
          ),
        )
        .orderBy(asc(improvementActions.dueDate), asc(improvementActions.id))
    : [];
  return { recommendations: recs, actions };
}

/** A document job as its requester sees it (without the bytes); undefined when unknown or another user's. */
export async function documentJobOf(db: Db, id: string, userId: number) {
  const [row] = await db
    .select({
      id: documentJobs.id,
      params: documentJobs.params,
      status: documentJobs.status,
      progress: documentJobs.progress,
      documentId: documentJobs.documentId,
      fileName: documentJobs.fileName,
      error: documentJobs.error,
      createdAt: documentJobs.createdAt,
      finishedAt: documentJobs.finishedAt,
    })
    .from(documentJobs)
    .where(and(eq(documentJobs.id, id), eq(documentJobs.requestedByUserId, userId)));
  return row;
}

/** The PDF of a finished job of this user. */
export async function documentJobResult(db: Db, id: string, userId: number) {
  const [row] = await db
    .select({ params: documentJobs.params, result: documentJobs.result, fileName: documentJobs.fileName, documentId: documentJobs.documentId })
    .from(documentJobs)
    .where(and(eq(documentJobs.id, id), eq(documentJobs.requestedByUserId, userId), eq(documentJobs.status, "done")));
  return row;
}
