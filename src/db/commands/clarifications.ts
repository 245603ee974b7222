import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import { clarificationMessages, clarificationThreads } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import { agencyRoleHolders, assessmentAgencyName, assignedUsers, notifyUsers } from "./notify";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export interface ClarificationTarget {
  assessmentId: number;
  agencyId: number;
  indicatorCode: string;
}

/**
 * The other side of a thread: for a message from the evaluators, the agency's Koordinator SPBE and
 * Penanggung Jawab, the internal assessors assigned to the indicator and anyone of the agency who
 * wrote in the thread; for a message from the agency, the assigned external assessors and every
 * evaluator who wrote in the thread (e.g. the review team).
 */
async function otherSide(tx: Tx, t: ClarificationTarget, threadId: number, side: "agency" | "evaluator"): Promise<number[]> {
  const earlier = await tx
    .selectDistinct({ id: clarificationMessages.authorUserId })
    .from(clarificationMessages)
    .where(and(eq(clarificationMessages.threadId, threadId), eq(clarificationMessages.side, side === "agency" ? "evaluator" : "agency")));
  const writers = earlier.map((r) => r.id).filter((id): id is number => id !== null);
  if (side === "agency") return [...(await assignedUsers(tx, t.assessmentId, "asesor_eksternal")).map((u) => u.id), ...writers];
  const internal = (await assignedUsers(tx, t.assessmentId, "asesor_internal")).filter((u) => u.indicatorCodes === null || u.indicatorCodes.includes(t.indicatorCode));
  return [...(await agencyRoleHolders(tx, t.agencyId, ["koordinator_spbe", "penanggung_jawab"])), ...internal.map((u) => u.id), ...writers];
}

/**
 * Posts a message in an indicator's clarification thread (opening the thread on the first message,
 * reopening a resolved one), notifies the other side and records the audit event, in one
 * transaction. The evidence reference must already be checked to belong to the same agency.
 */
export async function postClarification(
  db: Db,
  ctx: AuditContext,
  input: ClarificationTarget & { side: "agency" | "evaluator"; body: string; evidenceId: number | null },
): Promise<{ threadId: number; messageId: number }> {
  return db.transaction(async (tx) => {
    await tx.insert(clarificationThreads).values({ assessmentId: input.assessmentId, indicatorCode: input.indicatorCode }).onConflictDoNothing();
    const [thread] = await tx
      .select()
      .from(clarificationThreads)
      .where(and(eq(clarificationThreads.assessmentId, input.assessmentId), eq(clarificationThreads.indicatorCode, input.indicatorCode)))
      .for("update");
    const reopened = thread!.status === "resolved";
    await tx.update(clarificationThreads).set({ status: "open", resolvedAt: null, resolvedByUserId: null, updatedAt: new Date() }).where(eq(clarificationThreads.id, thread!.id));
    const recipients = await otherSide(tx, input, thread!.id, input.side);
    const [message] = await tx
      .insert(clarificationMessages)
      .values({ threadId: thread!.id, authorUserId: ctx.actorUserId, side: input.side, body: input.body, evidenceId: input.evidenceId })
      .returning({ id: clarificationMessages.id });
    const agency = await assessmentAgencyName(tx, input.assessmentId);
    await notifyUsers(
      tx,
      recipients,
      { kind: "clarification.message", params: { agency, indicator: input.indicatorCode, excerpt: input.body.slice(0, 140) }, link: `/penilaian/${input.assessmentId}?klarifikasi=${encodeURIComponent(input.indicatorCode)}` },
      ctx.actorUserId,
    );
    await recordAudit(tx, ctx, {
      agencyId: input.agencyId,
      action: "clarification.post",
      targetType: "clarification_thread",
      targetId: `${input.assessmentId}/${input.indicatorCode}`,
      after: { messageId: message!.id, side: input.side, evidenceId: input.evidenceId, ...(reopened ? { status: "open" } : {}) },
    });
    return { threadId: thread!.id, messageId: message!.id };
  });
}

/** Resolves or reopens a thread with its audit event; false when the indicator has no thread. */
export async function setClarificationStatus(db: Db, ctx: AuditContext, input: ClarificationTarget & { status: "open" | "resolved" }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const key = and(eq(clarificationThreads.assessmentId, input.assessmentId), eq(clarificationThreads.indicatorCode, input.indicatorCode));
    const [thread] = await tx.select().from(clarificationThreads).where(key).for("update");
    if (!thread) return false;
    const resolved = input.status === "resolved";
    await tx
      .update(clarificationThreads)
      .set({ status: input.status, resolvedAt: resolved ? new Date() : null, resolvedByUserId: resolved ? ctx.actorUserId : null, updatedAt: new Date() })
      .where(eq(clarificationThreads.id, thread.id));
    await recordAudit(tx, ctx, {
      agencyId: input.agencyId,
      action: resolved ? "clarification.resolve" : "clarification.reopen",
      targetType: "clarification_thread",
      targetId: `${input.assessmentId}/${input.indicatorCode}`,
      before: { status: thread.status },
      after: { status: input.status },
    });
    return true;
  });
}
