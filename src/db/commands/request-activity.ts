import { and, eq, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { apiTokens, sessions } from "../schema";
import { preparedQuery } from "../queries/prepared";

/** Records a session's latest activity (never moves it backwards), for the idle limit. */
export async function touchSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now }).where(and(eq(sessions.id, sessionId), lt(sessions.lastSeenAt, now)));
}

/**
 * Records when an API token was last used (shown in the token list), unless a concurrent request has
 * already recorded a use after `staleBefore`: of many requests that find the same stale value,
 * one writes and the others match no row. A prepared statement (token requests come in bursts).
 */
export async function touchApiToken(db: Db, tokenId: number, now: Date, staleBefore: Date): Promise<void> {
  await touchTokenStatement(db).execute({ id: tokenId, now: now.toISOString(), staleBefore: staleBefore.toISOString() });
}
const touchTokenStatement = preparedQuery((db) =>
  db
    .update(apiTokens)
    .set({ lastUsedAt: sql`${sql.placeholder("now")}::timestamptz` })
    .where(and(eq(apiTokens.id, sql.placeholder("id")), or(isNull(apiTokens.lastUsedAt), lte(apiTokens.lastUsedAt, sql`${sql.placeholder("staleBefore")}::timestamptz`))))
    .prepare("touch_api_token"),
);
