import { and, eq, isNull, ne } from "drizzle-orm";
import type { Db } from "../client";
import { apiTokens, sessions } from "../schema";
import { newToken, sha256Hex } from "../../lib/secure-token";

/** Opens a session; returns the cookie token (shown once, stored only hashed) and the CSRF token. */
export async function createSession(
  db: Db,
  input: { userId: number; ip: string | null; userAgent: string | null; maxHours: number },
): Promise<{ token: string; sessionId: string; csrfToken: string; expiresAt: Date }> {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(Date.now() + input.maxHours * 3_600_000);
  const sessionId = sha256Hex(token);
  await db.insert(sessions).values({ id: sessionId, userId: input.userId, csrfToken, ip: input.ip, userAgent: input.userAgent?.slice(0, 300) ?? null, expiresAt });
  return { token, sessionId, csrfToken, expiresAt };
}

/** Ends one session. */
export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user, optionally keeping one. Returns how many ended. */
export async function revokeUserSessions(db: Db | Parameters<Parameters<Db["transaction"]>[0]>[0], userId: number, keep?: string): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(keep ? and(eq(sessions.userId, userId), ne(sessions.id, keep)) : eq(sessions.userId, userId))
    .returning({ id: sessions.id });
  return rows.length;
}

/**
 * Ends everything that signs the user in besides the password: every session and every live API
 * token (marked revoked, so the token list shows why it stopped). Called in the transaction that
 * changes the password (self-service change, reset or invitation link), whose audit event carries
 * the counts.
 */
export async function endUserCredentials(db: Db | Parameters<Parameters<Db["transaction"]>[0]>[0], userId: number): Promise<{ sessionsEnded: number; tokensRevoked: number }> {
  const sessionsEnded = await revokeUserSessions(db, userId);
  const tokens = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return { sessionsEnded, tokensRevoked: tokens.length };
}
