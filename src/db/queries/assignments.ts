import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { assessmentAssignments, users } from "../schema";
import { preparedQuery } from "./prepared";

/** The caller's assignments on one assessment (external assessor; internal assessor's indicators). */
export async function assignmentsOf(db: Db, assessmentId: number, userId: number) {
  return assignmentsQuery(db).execute({ assessmentId, userId });
}
const assignmentsQuery = preparedQuery((db) =>
  db
    .select({ role: assessmentAssignments.role, indicatorCodes: assessmentAssignments.indicatorCodes })
    .from(assessmentAssignments)
    .where(and(eq(assessmentAssignments.assessmentId, sql.placeholder("assessmentId")), eq(assessmentAssignments.userId, sql.placeholder("userId"))))
    .prepare("assignments_of_user"),
);

/** The assessments the user is assigned to as external assessor. */
export async function externallyAssignedAssessments(db: Db, userId: number): Promise<number[]> {
  const rows = await db
    .select({ id: assessmentAssignments.assessmentId })
    .from(assessmentAssignments)
    .where(and(eq(assessmentAssignments.userId, userId), eq(assessmentAssignments.role, "asesor_eksternal")));
  return rows.map((r) => r.id);
}

/** Everyone assigned to one assessment, with name and e-mail, external assessors first. */
export async function assignmentsOfAssessment(db: Db, assessmentId: number) {
  return db
    .select({
      userId: assessmentAssignments.userId,
      name: users.name,
      email: users.email,
      role: assessmentAssignments.role,
      indicatorCodes: assessmentAssignments.indicatorCodes,
      since: assessmentAssignments.createdAt,
    })
    .from(assessmentAssignments)
    .innerJoin(users, eq(users.id, assessmentAssignments.userId))
    .where(eq(assessmentAssignments.assessmentId, assessmentId))
    .orderBy(assessmentAssignments.role, users.name, assessmentAssignments.userId);
}
