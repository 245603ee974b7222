import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import { assessments, stageTransitions } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import { notifyStageMove } from "./notify";

/**
 * Closes the open stage and opens the next, recording who and why, with its audit event. Guarded
 * on the stage the caller saw, so two people advancing at once cannot skip a stage.
 */
export async function moveToStage(
  db: Db,
  ctx: AuditContext,
  input: { assessmentId: number; agencyId: number; from: string; to: string; note: string | null; action: string },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const moved = await tx
      .update(assessments)
      .set({ stage: input.to })
      .where(and(eq(assessments.id, input.assessmentId), eq(assessments.stage, input.from)))
      .returning({ id: assessments.id });
    if (!moved.length) return false;
    await tx.insert(stageTransitions).values({ assessmentId: input.assessmentId, fromStage: input.from, toStage: input.to, actorUserId: ctx.actorUserId, note: input.note });
    await recordAudit(tx, ctx, { agencyId: input.agencyId, action: input.action, targetType: "assessment", targetId: input.assessmentId, before: { stage: input.from }, after: { stage: input.to, note: input.note } });
    // In-app notifications go with the change: the assessors on a submission, the coordinator and assessors on an advance.
    await notifyStageMove(tx, { assessmentId: input.assessmentId, agencyId: input.agencyId, to: input.to, action: input.action, actorUserId: ctx.actorUserId });
    return true;
  });
}
