import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { assessmentRecommendations, recommendations } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import { insertActions, type ActionFields, type ActionRow } from "./improvement-actions";

export type RecommendationRow = typeof recommendations.$inferSelect;

/** The writable fields of a recommendation. */
export interface RecommendationFields {
  text: string;
  aspectCodes: string[];
  indicatorCodes: string[];
  priority: "high" | "medium" | "low";
}

const audited = (r: RecommendationRow) => ({ text: r.text, source: r.source, priority: r.priority, aspectCodes: r.aspectCodes, indicatorCodes: r.indicatorCodes, periodId: r.periodId, assessmentId: r.assessmentId });

type NewRecommendation = RecommendationFields & { agencyId: number; periodId: number | null; assessmentId: number | null; source: RecommendationRow["source"] };

/** Creates a recommendation for an agency, audited as `recommendation.create`. */
export async function createRecommendation(db: Db, ctx: AuditContext, input: NewRecommendation): Promise<RecommendationRow> {
  return (await createRecommendationWithActions(db, ctx, input, [])).recommendation;
}

/**
 * Creates a recommendation together with its first actions in one transaction (all or none):
 * `recommendation.create` for the recommendation and one `action.create` per action, as when they
 * are written one by one. The caller checks that it may manage the agency's actions and that
 * every owner unit belongs to the agency.
 */
export async function createRecommendationWithActions(
  db: Db,
  ctx: AuditContext,
  input: NewRecommendation,
  actions: ActionFields[],
): Promise<{ recommendation: RecommendationRow; actions: ActionRow[] }> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(recommendations).values({ ...input, authorUserId: ctx.actorUserId }).returning();
    await recordAudit(tx, ctx, { agencyId: input.agencyId, action: "recommendation.create", targetType: "recommendation", targetId: row!.id, after: audited(row!) });
    const created = await insertActions(tx, ctx, { recommendationId: row!.id, agencyId: input.agencyId }, actions);
    return { recommendation: row!, actions: created };
  });
}

/** Changes a recommendation's text, codes or priority, audited with the changed fields. */
export async function updateRecommendation(db: Db, ctx: AuditContext, before: RecommendationRow, changes: Partial<RecommendationFields>): Promise<RecommendationRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx.update(recommendations).set({ ...changes, updatedAt: new Date() }).where(eq(recommendations.id, before.id)).returning();
    await recordAudit(tx, ctx, { agencyId: before.agencyId, action: "recommendation.update", targetType: "recommendation", targetId: before.id, before: audited(before), after: audited(row!) });
    return row!;
  });
}

/** Removes a recommendation with its actions, comments and evidence links, audited as `recommendation.delete`. */
export async function deleteRecommendation(db: Db, ctx: AuditContext, rec: RecommendationRow): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(recommendations).where(eq(recommendations.id, rec.id));
    await recordAudit(tx, ctx, { agencyId: rec.agencyId, action: "recommendation.delete", targetType: "recommendation", targetId: rec.id, before: audited(rec) });
  });
}

/**
 * Saves the assessor's edited general recommendation of an assessment (one per assessment),
 * audited as `assessment.recommendation` with the previous text.
 */
export async function saveGeneralRecommendation(db: Db, ctx: AuditContext, input: { assessmentId: number; agencyId: number; text: string }) {
  return db.transaction(async (tx) => {
    const [previous] = await tx.select().from(assessmentRecommendations).where(eq(assessmentRecommendations.assessmentId, input.assessmentId)).for("update");
    const values = { text: input.text, editedByUserId: ctx.actorUserId, editedAt: new Date() };
    const [row] = await tx
      .insert(assessmentRecommendations)
      .values({ assessmentId: input.assessmentId, ...values })
      .onConflictDoUpdate({ target: assessmentRecommendations.assessmentId, set: values })
      .returning();
    await recordAudit(tx, ctx, {
      agencyId: input.agencyId,
      action: "assessment.recommendation",
      targetType: "assessment",
      targetId: input.assessmentId,
      before: previous ? { text: previous.text } : null,
      after: { text: input.text },
    });
    return row!;
  });
}
