import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "../client";
import { citizens, citizenSessions } from "../schema";
import { newToken, sha256Hex } from "../../lib/secure-token";
import type { CitizenRow } from "../queries/citizens";

const returning = { id: citizens.id, email: citizens.email, name: citizens.name, phone: citizens.phone, language: citizens.language };

/** The citizen with this (verified) e-mail address, created on first sign-in. Safe under concurrent first sign-ins. */
export async function citizenByEmail(db: Db, email: string, now: Date): Promise<CitizenRow> {
  const address = email.trim().toLowerCase();
  const [row] = await db
    .insert(citizens)
    .values({ email: address, lastSignInAt: now })
    .onConflictDoUpdate({ target: citizens.email, set: { lastSignInAt: now } })
    .returning(returning);
  return row!;
}

/**
 * The citizen an OpenID Connect provider vouches for (issuer + subject), created on first sign-in.
 * A verified e-mail the provider sends is recorded when no other citizen holds it yet; an existing
 * account with that verified address is linked to the subject (the address proves it is the same person).
 */
export async function citizenByOidc(db: Db, claims: { issuer: string; subject: string; email?: string | null; emailVerified?: boolean; name?: string | null }, now: Date): Promise<CitizenRow> {
  return db.transaction(async (tx) => {
    const [known] = await tx
      .update(citizens)
      .set({ lastSignInAt: now, name: sql`coalesce(${citizens.name}, ${claims.name ?? null})` })
      .where(and(eq(citizens.oidcIssuer, claims.issuer), eq(citizens.oidcSubject, claims.subject)))
      .returning(returning);
    if (known) return known;
    const email = claims.email && claims.emailVerified ? claims.email.trim().toLowerCase() : null;
    if (email) {
      const [linked] = await tx
        .update(citizens)
        .set({ oidcIssuer: claims.issuer, oidcSubject: claims.subject, lastSignInAt: now, name: sql`coalesce(${citizens.name}, ${claims.name ?? null})` })
        .where(and(eq(citizens.email, email), sql`${citizens.oidcSubject} is null`))
        .returning(returning);
      if (linked) return linked;
    }
    const [created] = await tx
      .insert(citizens)
      .values({ email, name: claims.name ?? null, oidcIssuer: claims.issuer, oidcSubject: claims.subject, lastSignInAt: now })
      .onConflictDoNothing()
      .returning(returning);
    if (created) return created;
    // A concurrent first sign-in of the same subject created it meanwhile.
    const [raced] = await tx.select(returning).from(citizens).where(and(eq(citizens.oidcIssuer, claims.issuer), eq(citizens.oidcSubject, claims.subject)));
    if (raced) return raced;
    // The address belongs to a citizen already linked to another subject: a new account without it.
    const [separate] = await tx.insert(citizens).values({ email: null, name: claims.name ?? null, oidcIssuer: claims.issuer, oidcSubject: claims.subject, lastSignInAt: now }).returning(returning);
    return separate!;
  });
}

/** Opens a citizen session; returns the cookie token (stored only hashed) and the CSRF token. */
export async function createCitizenSession(
  db: Db,
  input: { citizenId: string; method: "email_code" | "oidc"; ip: string | null; userAgent: string | null; maxHours: number; now: Date },
): Promise<{ token: string; sessionId: string; csrfToken: string; expiresAt: Date }> {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(input.now.getTime() + input.maxHours * 3_600_000);
  const sessionId = sha256Hex(token);
  await db.insert(citizenSessions).values({
    id: sessionId,
    citizenId: input.citizenId,
    csrfToken,
    method: input.method,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
    createdAt: input.now,
    lastSeenAt: input.now,
    expiresAt,
  });
  return { token, sessionId, csrfToken, expiresAt };
}

/** Ends one citizen session. */
export async function deleteCitizenSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(citizenSessions).where(eq(citizenSessions.id, sessionId));
}

/** Records a citizen session's latest activity (never backwards), for the idle limit. */
export async function touchCitizenSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await db.update(citizenSessions).set({ lastSeenAt: now }).where(and(eq(citizenSessions.id, sessionId), lt(citizenSessions.lastSeenAt, now)));
}

/** A citizen edits their own name and phone (null clears); returns the row. */
export async function updateCitizenProfile(db: Db, citizenId: string, input: { name?: string | null; phone?: string | null }): Promise<CitizenRow | null> {
  const set: { name?: string | null; phone?: string | null } = {};
  if (input.name !== undefined) set.name = input.name;
  if (input.phone !== undefined) set.phone = input.phone;
  if (!Object.keys(set).length) {
    const [row] = await db.select(returning).from(citizens).where(eq(citizens.id, citizenId));
    return row ?? null;
  }
  const [row] = await db.update(citizens).set(set).where(eq(citizens.id, citizenId)).returning(returning);
  return row ?? null;
}
