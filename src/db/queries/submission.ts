import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { stageTransitions, users } from "../schema";

/** When and by whom the self-assessment was last submitted (the transition out of mandiri), if it was. */
export async function selfAssessmentSubmission(db: Db, assessmentId: number): Promise<{ at: Date; by: string | null; note: string | null } | undefined> {
  const [row] = await db
    .select({ at: stageTransitions.createdAt, by: users.name, note: stageTransitions.note })
    .from(stageTransitions)
    .leftJoin(users, eq(stageTransitions.actorUserId, users.id))
    .where(and(eq(stageTransitions.assessmentId, assessmentId), eq(stageTransitions.fromStage, "mandiri")))
    .orderBy(desc(stageTransitions.createdAt), desc(stageTransitions.id))
    .limit(1);
  return row;
}
