import { and, eq, inArray, isNull, ne } from "drizzle-orm";
import type { Db } from "../client";
import { agencies, assessmentAssignments, assessments, notifications, userRoles, users } from "../schema";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** What the interface renders (in the reader's language) and where it leads. */
export interface NotificationInput {
  kind: "clarification.message" | "assessment.returned" | "assessment.stage_advanced" | "assessment.submitted" | "assessment.finalised" | "assessment.review_requested" | "assessment.revised" | "account.reset_link" | "complaint.received" | "complaint.due_soon" | "complaint.breached";
  params: Record<string, string>;
  link: string;
}

/**
 * Writes one notification per recipient inside the caller's transaction, so a notification exists
 * exactly when its event does. Duplicates and the actor themselves are dropped.
 */
export async function notifyUsers(tx: Tx, recipients: readonly number[], input: NotificationInput, exceptUserId: number | null): Promise<number> {
  const ids = [...new Set(recipients)].filter((id) => id !== exceptUserId);
  if (!ids.length) return 0;
  await tx.insert(notifications).values(ids.map((userId) => ({ userId, kind: input.kind, params: input.params, link: input.link })));
  return ids.length;
}

/** Active users holding one of `roles` in the agency. */
export async function agencyRoleHolders(tx: Tx, agencyId: number, roles: readonly string[]): Promise<number[]> {
  const rows = await tx
    .selectDistinct({ id: users.id })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.agencyId, agencyId), inArray(userRoles.role, [...roles]), eq(users.disabled, false)));
  return rows.map((r) => r.id);
}

/** Active users holding one of the national `roles` (no agency), e.g. the whole review team. */
export async function nationalRoleHolders(tx: Tx, roles: readonly string[]): Promise<number[]> {
  const rows = await tx
    .selectDistinct({ id: users.id })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(isNull(userRoles.agencyId), inArray(userRoles.role, [...roles]), eq(users.disabled, false)));
  return rows.map((r) => r.id);
}

/** Active users assigned to the assessment in `role` (external or internal assessors). */
export async function assignedUsers(tx: Tx, assessmentId: number, role: string): Promise<{ id: number; indicatorCodes: string[] | null }[]> {
  return tx
    .select({ id: users.id, indicatorCodes: assessmentAssignments.indicatorCodes })
    .from(assessmentAssignments)
    .innerJoin(users, eq(users.id, assessmentAssignments.userId))
    .where(and(eq(assessmentAssignments.assessmentId, assessmentId), eq(assessmentAssignments.role, role), ne(users.disabled, true)));
}

/** The agency's name of an assessment, for the notification's text. */
export async function assessmentAgencyName(tx: Tx, assessmentId: number): Promise<string> {
  const [row] = await tx.select({ name: agencies.name }).from(assessments).innerJoin(agencies, eq(agencies.id, assessments.agencyId)).where(eq(assessments.id, assessmentId));
  return row?.name ?? "";
}

/**
 * Notifications of a stage change, called inside the transaction that moves the stage: a submitted
 * self-assessment tells the assigned external assessors; an advanced external stage tells the
 * agency's Koordinator SPBE and the assigned external assessors.
 */
export async function notifyStageMove(tx: Tx, input: { assessmentId: number; agencyId: number; to: string; action: string; actorUserId: number | null }): Promise<void> {
  const agencyName = await assessmentAgencyName(tx, input.assessmentId);
  const link = `/penilaian/${input.assessmentId}`;
  const externals = (await assignedUsers(tx, input.assessmentId, "asesor_eksternal")).map((u) => u.id);
  if (input.action === "assessment.submit") {
    await notifyUsers(tx, externals, { kind: "assessment.submitted", params: { agency: agencyName, stage: input.to }, link }, input.actorUserId);
    return;
  }
  const coordinators = await agencyRoleHolders(tx, input.agencyId, ["koordinator_spbe"]);
  await notifyUsers(tx, [...coordinators, ...externals], { kind: "assessment.stage_advanced", params: { agency: agencyName, stage: input.to }, link }, input.actorUserId);
}

/**
 * The external assessor closed the last stage and asked for review: the review team is told (a
 * national role, so every active Tim Reviu member), since nothing else would bring it to them.
 */
export async function notifyReviewRequested(tx: Tx, input: { assessmentId: number; stage: string; actorUserId: number | null }): Promise<void> {
  const reviewers = await nationalRoleHolders(tx, ["tim_reviu"]);
  const agencyName = await assessmentAgencyName(tx, input.assessmentId);
  await notifyUsers(tx, reviewers, { kind: "assessment.review_requested", params: { agency: agencyName, stage: input.stage }, link: `/penilaian/${input.assessmentId}` }, input.actorUserId);
}

/**
 * Tim Reviu found the assessment Valid and it became final: the same people as for a stage advance
 * (the agency's Koordinator SPBE and the assigned external assessors) are told, with the predicate.
 */
export async function notifyFinalised(tx: Tx, input: { assessmentId: number; agencyId: number; predicate: string; actorUserId: number | null }): Promise<void> {
  await notifyCoordinatorsAndAssessors(tx, input, "assessment.finalised", { stage: "final", predicate: input.predicate });
}

/** A final result was corrected (a new revision): the same people are told the new index and predicate. */
export async function notifyRevised(tx: Tx, input: { assessmentId: number; agencyId: number; revision: number; index: string; predicate: string; actorUserId: number | null }): Promise<void> {
  await notifyCoordinatorsAndAssessors(tx, input, "assessment.revised", { revision: String(input.revision), index: input.index, predicate: input.predicate });
}

/** The agency's Koordinator SPBE and the assessment's assigned external assessors, except the actor. */
async function notifyCoordinatorsAndAssessors(tx: Tx, input: { assessmentId: number; agencyId: number; actorUserId: number | null }, kind: NotificationInput["kind"], params: Record<string, string>): Promise<void> {
  const coordinators = await agencyRoleHolders(tx, input.agencyId, ["koordinator_spbe"]);
  const externals = (await assignedUsers(tx, input.assessmentId, "asesor_eksternal")).map((u) => u.id);
  const agencyName = await assessmentAgencyName(tx, input.assessmentId);
  await notifyUsers(tx, [...coordinators, ...externals], { kind, params: { agency: agencyName, ...params }, link: `/penilaian/${input.assessmentId}` }, input.actorUserId);
}

/**
 * Tim Reviu returned the assessment (Tidak Valid): the agency's Koordinator SPBE is told, with the
 * notes, and so are the assigned external assessors, who make the correction.
 */
export async function notifyReturned(tx: Tx, input: { assessmentId: number; agencyId: number; notes: string; actorUserId: number | null }): Promise<void> {
  await notifyCoordinatorsAndAssessors(tx, input, "assessment.returned", { notes: input.notes.slice(0, 200) });
}

/**
 * Someone made a password reset link for the user's account: the user is told who, so a link they
 * did not ask for does not go unnoticed (the link itself is e-mailed, or shown only to the issuer).
 */
export async function notifyResetLink(tx: Tx, input: { userId: number; issuerName: string; actorUserId: number | null }): Promise<void> {
  await notifyUsers(tx, [input.userId], { kind: "account.reset_link", params: { by: input.issuerName }, link: "/profil" }, input.actorUserId);
}
