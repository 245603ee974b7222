import { and, desc, eq, isNull, or } from "drizzle-orm";
import type { Db } from "../client";
import { assessmentResults, assessments, stageTransitions } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import { indexNumerator, predicateFor, roundTenThousandthsToHundredths, type CompiledInstrument } from "../../core";
import { lockAssessment } from "../queries/row-locks";
import { notifyFinalised, notifyReturned, notifyReviewRequested, notifyRevised } from "./notify";

export interface ResultSnapshot {
  levels: Record<string, number>;
  index10k: number;
  predicate: string;
  predicatePolicy: string;
}

/** The official result of complete levels: exact index and predicate under the period's policy (the core's). */
export function resultSnapshot(compiled: CompiledInstrument, levels: Record<string, number>, policy: "exact" | "rounded2"): ResultSnapshot {
  const index10k = indexNumerator(compiled, compiled.codes.map((c) => levels[c]!));
  return { levels, index10k, predicate: predicateFor(compiled, index10k, policy), predicatePolicy: policy };
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Sets the review status if the assessment is still where the caller saw it. */
async function setReview(tx: Tx, id: number, stage: string, expected: (string | null)[], status: string | null, notes: string | null): Promise<boolean> {
  const statusMatch = or(...expected.map((s) => (s === null ? isNull(assessments.reviewStatus) : eq(assessments.reviewStatus, s))));
  const rows = await tx.update(assessments).set({ reviewStatus: status, reviewNotes: notes }).where(and(eq(assessments.id, id), eq(assessments.stage, stage), statusMatch)).returning({ id: assessments.id });
  return rows.length > 0;
}

/** The external assessor hands the finished assessment to the review team. */
export async function requestReview(db: Db, ctx: AuditContext, a: { id: number; agencyId: number; stage: string }, note: string | null): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await setReview(tx, a.id, a.stage, [null, "returned"], "pending", note))) return false;
    await recordAudit(tx, ctx, { agencyId: a.agencyId, action: "assessment.review_request", targetType: "assessment", targetId: a.id, after: { reviewStatus: "pending", note } });
    await notifyReviewRequested(tx, { assessmentId: a.id, stage: a.stage, actorUserId: ctx.actorUserId });
    return true;
  });
}

/** Tim Reviu: Tidak Valid sends the assessment back to the assessor with notes. */
export async function returnForCorrection(db: Db, ctx: AuditContext, a: { id: number; agencyId: number; stage: string }, notes: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await setReview(tx, a.id, a.stage, ["pending"], "returned", notes))) return false;
    await recordAudit(tx, ctx, { agencyId: a.agencyId, action: "assessment.review_invalid", targetType: "assessment", targetId: a.id, before: { reviewStatus: "pending" }, after: { reviewStatus: "returned", notes } });
    await notifyReturned(tx, { assessmentId: a.id, agencyId: a.agencyId, notes, actorUserId: ctx.actorUserId });
    return true;
  });
}

/** Tim Reviu: Valid closes the review, moves the assessment to final and stores revision 1 of the result. */
export async function finaliseValid(db: Db, ctx: AuditContext, a: { id: number; agencyId: number; stage: string }, snapshot: ResultSnapshot, notes: string | null): Promise<boolean> {
  return db.transaction(async (tx) => {
    const moved = await tx
      .update(assessments)
      .set({ stage: "final", reviewStatus: null, reviewNotes: notes })
      .where(and(eq(assessments.id, a.id), eq(assessments.stage, a.stage), eq(assessments.reviewStatus, "pending")))
      .returning({ id: assessments.id });
    if (!moved.length) return false;
    await tx.insert(stageTransitions).values({ assessmentId: a.id, fromStage: a.stage, toStage: "final", actorUserId: ctx.actorUserId, note: notes });
    await tx.insert(assessmentResults).values({ assessmentId: a.id, revision: 1, ...snapshot, createdByUserId: ctx.actorUserId });
    await recordAudit(tx, ctx, { agencyId: a.agencyId, action: "assessment.finalise", targetType: "assessment", targetId: a.id, before: { stage: a.stage }, after: { stage: "final", revision: 1, index: snapshot.index10k / 10000, predicate: snapshot.predicate } });
    // Told in the same transaction: a final result and its notification exist together or not at all.
    await notifyFinalised(tx, { assessmentId: a.id, agencyId: a.agencyId, predicate: snapshot.predicate, actorUserId: ctx.actorUserId });
    return true;
  });
}

/**
 * A correction after finalisation: a new revision with its reason; earlier revisions stay untouched.
 * `snapshot` was built on revision `basedOn`: if another correction came first, nothing is written
 * and null is returned (its levels would silently undo the other's). Concurrent corrections queue
 * on the assessment row (locking the latest result row did not serialise them: both then numbered
 * the same next revision, a unique violation).
 */
export async function reviseResult(db: Db, ctx: AuditContext, a: { id: number; agencyId: number; basedOn: number }, snapshot: ResultSnapshot, reason: string): Promise<number | null> {
  return db.transaction(async (tx) => {
    await lockAssessment(tx, a.id);
    const [latest] = await tx.select().from(assessmentResults).where(eq(assessmentResults.assessmentId, a.id)).orderBy(desc(assessmentResults.revision)).limit(1);
    if ((latest?.revision ?? 0) !== a.basedOn) return null;
    const revision = a.basedOn + 1;
    await tx.insert(assessmentResults).values({ assessmentId: a.id, revision, ...snapshot, reason, createdByUserId: ctx.actorUserId });
    const changed = Object.keys(snapshot.levels).filter((c) => latest?.levels[c] !== snapshot.levels[c]);
    await recordAudit(tx, ctx, {
      agencyId: a.agencyId,
      action: "assessment.revise",
      targetType: "assessment",
      targetId: a.id,
      before: { revision: latest?.revision ?? null, levels: Object.fromEntries(changed.map((c) => [c, latest?.levels[c] ?? null])), index: latest ? latest.index10k / 10000 : null },
      after: { revision, levels: Object.fromEntries(changed.map((c) => [c, snapshot.levels[c]])), index: snapshot.index10k / 10000, reason },
    });
    await notifyRevised(tx, { assessmentId: a.id, agencyId: a.agencyId, revision, index: (roundTenThousandthsToHundredths(snapshot.index10k) / 100).toFixed(2), predicate: snapshot.predicate, actorUserId: ctx.actorUserId });
    return revision;
  });
}

/** All result revisions of an assessment, oldest first. */
export function resultsOf(db: Db, assessmentId: number) {
  return db.select().from(assessmentResults).where(eq(assessmentResults.assessmentId, assessmentId)).orderBy(assessmentResults.revision);
}
