import { desc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { citizens, citizenSessions, citizenSignInCodes } from "../schema";

/**
 * What Pandu holds about a citizen's account, for their export (UU 27/2022): the account row, their
 * sessions (without the cookie hash or CSRF token) and a pending sign-in code's metadata (never the hash).
 */
export async function citizenAccountExport(db: Db, citizenId: string) {
  const [account] = await db
    .select({
      id: citizens.id,
      email: citizens.email,
      name: citizens.name,
      phone: citizens.phone,
      language: citizens.language,
      oidcIssuer: citizens.oidcIssuer,
      oidcSubject: citizens.oidcSubject,
      createdAt: citizens.createdAt,
      lastSignInAt: citizens.lastSignInAt,
    })
    .from(citizens)
    .where(eq(citizens.id, citizenId));
  if (!account) return null;
  const sessions = await db
    .select({ method: citizenSessions.method, ip: citizenSessions.ip, userAgent: citizenSessions.userAgent, createdAt: citizenSessions.createdAt, lastSeenAt: citizenSessions.lastSeenAt, expiresAt: citizenSessions.expiresAt })
    .from(citizenSessions)
    .where(eq(citizenSessions.citizenId, citizenId))
    .orderBy(desc(citizenSessions.createdAt));
  const signInCodes = account.email
    ? await db
        .select({ email: citizenSignInCodes.email, expiresAt: citizenSignInCodes.expiresAt, wrongTries: citizenSignInCodes.wrongTries, sentInWindow: citizenSignInCodes.sentInWindow, windowStartedAt: citizenSignInCodes.windowStartedAt })
        .from(citizenSignInCodes)
        .where(eq(citizenSignInCodes.email, account.email))
    : [];
  return { account, sessions, signInCodes };
}
