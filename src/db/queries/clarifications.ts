import { and, asc, count, eq, max } from "drizzle-orm";
import type { Db } from "../client";
import { clarificationMessages, clarificationThreads, evidence, users } from "../schema";

/** Every clarification thread of an assessment with its message count and last activity. */
export async function clarificationThreadsOf(db: Db, assessmentId: number) {
  return db
    .select({ indicatorCode: clarificationThreads.indicatorCode, status: clarificationThreads.status, messages: count(clarificationMessages.id), lastMessageAt: max(clarificationMessages.createdAt) })
    .from(clarificationThreads)
    .leftJoin(clarificationMessages, eq(clarificationMessages.threadId, clarificationThreads.id))
    .where(eq(clarificationThreads.assessmentId, assessmentId))
    .groupBy(clarificationThreads.id)
    .orderBy(asc(clarificationThreads.indicatorCode));
}

/** One indicator's thread (null when nobody wrote yet) with its messages, oldest first. */
export async function clarificationThread(db: Db, assessmentId: number, indicatorCode: string) {
  const [thread] = await db
    .select({ id: clarificationThreads.id, status: clarificationThreads.status, resolvedAt: clarificationThreads.resolvedAt, resolvedBy: users.name })
    .from(clarificationThreads)
    .leftJoin(users, eq(users.id, clarificationThreads.resolvedByUserId))
    .where(and(eq(clarificationThreads.assessmentId, assessmentId), eq(clarificationThreads.indicatorCode, indicatorCode)));
  if (!thread) return null;
  const messages = await db
    .select({ id: clarificationMessages.id, side: clarificationMessages.side, body: clarificationMessages.body, createdAt: clarificationMessages.createdAt, authorName: users.name, evidenceId: evidence.id, evidenceTitle: evidence.title })
    .from(clarificationMessages)
    .leftJoin(users, eq(users.id, clarificationMessages.authorUserId))
    .leftJoin(evidence, eq(evidence.id, clarificationMessages.evidenceId))
    .where(eq(clarificationMessages.threadId, thread.id))
    .orderBy(asc(clarificationMessages.id));
  return { ...thread, messages };
}

/** True when the evidence belongs to the agency's library. */
export async function evidenceBelongsTo(db: Db, evidenceId: number, agencyId: number): Promise<boolean> {
  const [row] = await db.select({ id: evidence.id }).from(evidence).where(and(eq(evidence.id, evidenceId), eq(evidence.agencyId, agencyId)));
  return row !== undefined;
}
