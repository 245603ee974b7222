import { and, eq, lt } from "drizzle-orm";
import type { Db } from "../client";
import { apiTokens, sessions } from "../schema";

/** Records a session's latest activity (never moves it backwards), for the idle limit. */
export async function touchSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now }).where(and(eq(sessions.id, sessionId), lt(sessions.lastSeenAt, now)));
}

/** Records when an API token was last used (shown in the token list). */
export async function touchApiToken(db: Db, tokenId: number, now: Date): Promise<void> {
  await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, tokenId));
}
