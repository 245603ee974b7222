import { and, asc, desc, eq, exists, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { assessmentAssignments, auditEvents, stageTransitions, userRoles, users } from "../schema";

/** When, by whom and with what note a stage was closed (the latest transition out of it). */
export interface StageClosure {
  at: Date;
  /** The stage it moved to ("final" when the review team's Valid closed the last stage; the note is then the reviewers'). */
  toStage: string;
  by: string | null;
  byNip: string | null;
  note: string | null;
}

/** When and by whom the self-assessment was last submitted (the transition out of mandiri), if it was. */
export async function selfAssessmentSubmission(db: Db, assessmentId: number): Promise<StageClosure | undefined> {
  return stageClosure(db, assessmentId, "mandiri");
}

/** The latest close of a stage (mandiri, dokumen, interviu, visitasi): the transition out of it; undefined while it has not closed. */
export async function stageClosure(db: Db, assessmentId: number, stage: string): Promise<StageClosure | undefined> {
  const [row] = await db
    .select({ at: stageTransitions.createdAt, toStage: stageTransitions.toStage, by: users.name, byNip: users.nip, note: stageTransitions.note })
    .from(stageTransitions)
    .leftJoin(users, eq(stageTransitions.actorUserId, users.id))
    .where(and(eq(stageTransitions.assessmentId, assessmentId), eq(stageTransitions.fromStage, stage)))
    .orderBy(desc(stageTransitions.createdAt), desc(stageTransitions.id))
    .limit(1);
  return row;
}

/** The stages of an assessment that have closed, each with the moment of its latest close. */
export async function closedStages(db: Db, assessmentId: number): Promise<{ stage: string; at: Date }[]> {
  const rows = await db
    .select({ stage: stageTransitions.fromStage, at: stageTransitions.createdAt })
    .from(stageTransitions)
    .where(eq(stageTransitions.assessmentId, assessmentId))
    .orderBy(asc(stageTransitions.createdAt), asc(stageTransitions.id));
  const latest = new Map<string, Date>();
  for (const r of rows) latest.set(r.stage, r.at);
  return [...latest].map(([stage, at]) => ({ stage, at }));
}

/** A decision of the review team: Valid (the move to final) or Tidak Valid (returned), who took it, the note. */
export interface ReviewDecision {
  decision: "valid" | "tidak_valid";
  at: Date;
  by: string | null;
  byNip: string | null;
  note: string | null;
}

/**
 * The latest review decision on an assessment, if any: Valid is the transition to final (with its
 * note); Tidak Valid leaves the stage open and is recorded only by its audit event
 * (`assessment.review_invalid`, the notes in its `after`), which is where it is read from.
 */
export async function latestReviewDecision(db: Db, assessmentId: number, agencyId: number): Promise<ReviewDecision | undefined> {
  const [valid] = await db
    .select({ at: stageTransitions.createdAt, by: users.name, byNip: users.nip, note: stageTransitions.note })
    .from(stageTransitions)
    .leftJoin(users, eq(stageTransitions.actorUserId, users.id))
    .where(and(eq(stageTransitions.assessmentId, assessmentId), eq(stageTransitions.toStage, "final")))
    .orderBy(desc(stageTransitions.createdAt), desc(stageTransitions.id))
    .limit(1);
  const [invalid] = await db
    .select({ at: auditEvents.createdAt, by: users.name, byNip: users.nip, changes: auditEvents.changes })
    .from(auditEvents)
    .leftJoin(users, eq(auditEvents.actorUserId, users.id))
    // The agency narrows the search to its events (audit_agency_idx) before the action and target are matched.
    .where(and(eq(auditEvents.agencyId, agencyId), eq(auditEvents.action, "assessment.review_invalid"), eq(auditEvents.targetType, "assessment"), eq(auditEvents.targetId, String(assessmentId))))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(1);
  const returned: ReviewDecision | undefined = invalid && {
    decision: "tidak_valid",
    at: invalid.at,
    by: invalid.by,
    byNip: invalid.byNip,
    note: typeof invalid.changes.after?.notes === "string" ? invalid.changes.after.notes : null,
  };
  if (valid && (!returned || valid.at >= returned.at)) return { decision: "valid", ...valid };
  return returned;
}

/** The first active holder of a role in an agency (by account age), with NIP — the person who signs; undefined when none. */
export async function agencyRoleHolder(db: Db, agencyId: number, role: "pimpinan" | "koordinator_spbe" | "koordinator_provinsi"): Promise<{ name: string; nip: string | null } | undefined> {
  const [row] = await db
    .select({ name: users.name, nip: users.nip })
    .from(userRoles)
    .innerJoin(users, eq(userRoles.userId, users.id))
    .where(and(eq(userRoles.agencyId, agencyId), eq(userRoles.role, role), eq(users.disabled, false)))
    .orderBy(asc(users.id))
    .limit(1);
  return row;
}

/** The agency's Pimpinan (the first active user holding the role there), who acknowledges its official records; undefined when none. */
export function agencyLeader(db: Db, agencyId: number) {
  return agencyRoleHolder(db, agencyId, "pimpinan");
}

/** The agency's Koordinator SPBE (the first active user holding the role there), who signs the external stages' records; undefined when none. */
export function agencyCoordinator(db: Db, agencyId: number) {
  return agencyRoleHolder(db, agencyId, "koordinator_spbe");
}

/**
 * The external assessors assigned to an assessment who still hold the role (an assignment counts
 * only with its grant), active accounts, in the order they were assigned, with NIP.
 */
export async function externalAssessorsOf(db: Db, assessmentId: number): Promise<{ name: string; nip: string | null }[]> {
  return db
    .select({ name: users.name, nip: users.nip })
    .from(assessmentAssignments)
    .innerJoin(users, eq(assessmentAssignments.userId, users.id))
    .where(
      and(
        eq(assessmentAssignments.assessmentId, assessmentId),
        eq(assessmentAssignments.role, "asesor_eksternal"),
        eq(users.disabled, false),
        exists(
          db
            .select({ one: userRoles.userId })
            .from(userRoles)
            .where(and(eq(userRoles.userId, users.id), eq(userRoles.role, "asesor_eksternal"), isNull(userRoles.agencyId))),
        ),
      ),
    )
    .orderBy(asc(assessmentAssignments.id));
}
