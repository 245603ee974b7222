import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import { assessmentAssignments } from "../schema";

/** The caller's assignments on one assessment (external assessor; internal assessor's indicators). */
export async function assignmentsOf(db: Db, assessmentId: number, userId: number) {
  return db
    .select({ role: assessmentAssignments.role, indicatorCodes: assessmentAssignments.indicatorCodes })
    .from(assessmentAssignments)
    .where(and(eq(assessmentAssignments.assessmentId, assessmentId), eq(assessmentAssignments.userId, userId)));
}
