import { and, asc, desc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { stageTransitions, userRoles, users } from "../schema";

/** When and by whom the self-assessment was last submitted (the transition out of mandiri), if it was. */
export async function selfAssessmentSubmission(db: Db, assessmentId: number): Promise<{ at: Date; by: string | null; byNip: string | null; note: string | null } | undefined> {
  const [row] = await db
    .select({ at: stageTransitions.createdAt, by: users.name, byNip: users.nip, note: stageTransitions.note })
    .from(stageTransitions)
    .leftJoin(users, eq(stageTransitions.actorUserId, users.id))
    .where(and(eq(stageTransitions.assessmentId, assessmentId), eq(stageTransitions.fromStage, "mandiri")))
    .orderBy(desc(stageTransitions.createdAt), desc(stageTransitions.id))
    .limit(1);
  return row;
}

/** The agency's Pimpinan (the first active user holding the role there), who acknowledges its official records; undefined when none. */
export async function agencyLeader(db: Db, agencyId: number): Promise<{ name: string; nip: string | null } | undefined> {
  const [row] = await db
    .select({ name: users.name, nip: users.nip })
    .from(userRoles)
    .innerJoin(users, eq(userRoles.userId, users.id))
    .where(and(eq(userRoles.agencyId, agencyId), eq(userRoles.role, "pimpinan"), eq(users.disabled, false)))
    .orderBy(asc(users.id))
    .limit(1);
  return row;
}
