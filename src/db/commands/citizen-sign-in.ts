import { and, eq, lt } from "drizzle-orm";
import type { Db } from "../client";
import { citizenSignInCodes, oidcSignInStates, staffOidcIdentities, users } from "../schema";
import { newCodeSalt, signInCodeHash, signInCodeMatches } from "../../lib/sign-in-code";
import { recordAudit, type AuditContext } from "../audit/record-audit";

export interface SignInCodeLimits {
  /** How long a code lives, ms (10 minutes). */
  lifetimeMs: number;
  /** Wrong tries after which the code is dead (5). */
  maxWrongTries: number;
  /** Codes one address may be sent per window (per hour). */
  maxSentPerWindow: number;
  windowMs: number;
}

export const DEFAULT_SIGN_IN_CODE_LIMITS: SignInCodeLimits = { lifetimeMs: 10 * 60_000, maxWrongTries: 5, maxSentPerWindow: 5, windowMs: 3_600_000 };

/**
 * Stores a new code for an address (replacing any earlier one), unless the address was sent its
 * quota of codes in the current window: then `{ retryAfterSeconds }` and nothing changes.
 * Serialised per address by the row lock, so concurrent requests cannot exceed the quota.
 */
export async function issueSignInCode(
  db: Db,
  input: { email: string; code: string; now: Date; limits?: SignInCodeLimits },
): Promise<{ expiresAt: Date } | { retryAfterSeconds: number }> {
  const limits = input.limits ?? DEFAULT_SIGN_IN_CODE_LIMITS;
  const email = input.email.trim().toLowerCase();
  const now = input.now;
  // Rows whose window and code are both over hold nothing needed any more (an address is personal data): swept here.
  await db.delete(citizenSignInCodes).where(and(lt(citizenSignInCodes.windowStartedAt, new Date(now.getTime() - limits.windowMs)), lt(citizenSignInCodes.expiresAt, now)));
  return db.transaction(async (tx) => {
    await tx
      .insert(citizenSignInCodes)
      .values({ email, codeHash: null, salt: newCodeSalt(), expiresAt: now, windowStartedAt: now })
      .onConflictDoNothing();
    const [row] = await tx.select().from(citizenSignInCodes).where(eq(citizenSignInCodes.email, email)).for("update");
    const windowOver = now.getTime() - row!.windowStartedAt.getTime() >= limits.windowMs;
    const sent = windowOver ? 0 : row!.sentInWindow;
    const windowStartedAt = windowOver ? now : row!.windowStartedAt;
    if (sent >= limits.maxSentPerWindow) {
      return { retryAfterSeconds: Math.max(1, Math.ceil((windowStartedAt.getTime() + limits.windowMs - now.getTime()) / 1000)) };
    }
    const salt = newCodeSalt();
    const expiresAt = new Date(now.getTime() + limits.lifetimeMs);
    await tx
      .update(citizenSignInCodes)
      .set({ codeHash: signInCodeHash(salt, email, input.code), salt, expiresAt, wrongTries: 0, sentInWindow: sent + 1, windowStartedAt })
      .where(eq(citizenSignInCodes.email, email));
    return { expiresAt };
  });
}

export type CodeCheck = { ok: true } | { ok: false; reason: "expired" | "exhausted" } | { ok: false; reason: "wrong"; triesLeft: number };

/**
 * Checks a code: right and live → used up (one use); wrong → one try counted; after the last wrong
 * try, or past its lifetime, or never sent / already used → refused until a new code is requested.
 */
export async function redeemSignInCode(db: Db, input: { email: string; code: string; now: Date; limits?: SignInCodeLimits }): Promise<CodeCheck> {
  const limits = input.limits ?? DEFAULT_SIGN_IN_CODE_LIMITS;
  const email = input.email.trim().toLowerCase();
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(citizenSignInCodes).where(eq(citizenSignInCodes.email, email)).for("update");
    if (!row || !row.codeHash || row.expiresAt.getTime() <= input.now.getTime()) return { ok: false as const, reason: "expired" as const };
    if (row.wrongTries >= limits.maxWrongTries) return { ok: false as const, reason: "exhausted" as const };
    if (signInCodeMatches(row.codeHash, row.salt, email, input.code)) {
      await tx.update(citizenSignInCodes).set({ codeHash: null }).where(eq(citizenSignInCodes.email, email));
      return { ok: true as const };
    }
    const wrongTries = row.wrongTries + 1;
    await tx.update(citizenSignInCodes).set({ wrongTries }).where(eq(citizenSignInCodes.email, email));
    if (wrongTries >= limits.maxWrongTries) return { ok: false as const, reason: "exhausted" as const };
    return { ok: false as const, reason: "wrong" as const, triesLeft: limits.maxWrongTries - wrongTries };
  });
}

/** Remembers an OpenID Connect sign-in in flight (state stored hashed). Also drops states expired long ago. */
export async function saveOidcState(
  db: Db,
  input: { stateHash: string; audience: "citizen" | "staff"; codeVerifier: string; nonce: string; returnTo: string; now: Date; lifetimeMs: number },
): Promise<void> {
  await db.delete(oidcSignInStates).where(lt(oidcSignInStates.expiresAt, new Date(input.now.getTime() - 86_400_000)));
  await db.insert(oidcSignInStates).values({
    stateHash: input.stateHash,
    audience: input.audience,
    codeVerifier: input.codeVerifier,
    nonce: input.nonce,
    returnTo: input.returnTo,
    createdAt: input.now,
    expiresAt: new Date(input.now.getTime() + input.lifetimeMs),
  });
}

/** Takes (deletes) a state: single use. Null when unknown or already taken; the caller checks expiry and audience. */
export async function takeOidcState(db: Db, stateHash: string): Promise<{ audience: string; codeVerifier: string; nonce: string; returnTo: string; expiresAt: Date } | null> {
  const [row] = await db
    .delete(oidcSignInStates)
    .where(eq(oidcSignInStates.stateHash, stateHash))
    .returning({ audience: oidcSignInStates.audience, codeVerifier: oidcSignInStates.codeVerifier, nonce: oidcSignInStates.nonce, returnTo: oidcSignInStates.returnTo, expiresAt: oidcSignInStates.expiresAt });
  return row ?? null;
}

export type StaffOidcOutcome =
  | { ok: true; userId: number; email: string; linked: boolean; totpEnabled: boolean; totpLastStep: number | null }
  | { ok: false; reason: "no_account" | "disabled" };

/**
 * The staff account an OpenID Connect identity signs in: the one linked to (issuer, subject), else —
 * on first sign-in — the enabled user whose e-mail equals the provider's *verified* e-mail, which is
 * then linked. Never creates a user or grants a role. Audit rows for the link and the sign-in — the
 * sign-in only when the account has no second factor (`totpEnabled`: the caller asks for the code and
 * records the sign-in once it is given).
 */
export async function staffByOidc(
  db: Db,
  audit: Omit<AuditContext, "actorUserId" | "actorLabel">,
  claims: { issuer: string; subject: string; email?: string | null; emailVerified?: boolean },
  now: Date,
): Promise<StaffOidcOutcome> {
  return db.transaction(async (tx) => {
    const [known] = await tx
      .select({ userId: users.id, email: users.email, disabled: users.disabled, totpEnabled: users.totpEnabled, totpLastStep: users.totpLastStep })
      .from(staffOidcIdentities)
      .innerJoin(users, eq(users.id, staffOidcIdentities.userId))
      .where(and(eq(staffOidcIdentities.issuer, claims.issuer), eq(staffOidcIdentities.subject, claims.subject)));
    let target = known ?? null;
    let linked = false;
    if (!target) {
      const email = claims.email && claims.emailVerified ? claims.email.trim().toLowerCase() : null;
      if (!email) return { ok: false as const, reason: "no_account" as const };
      const [user] = await tx.select({ userId: users.id, email: users.email, disabled: users.disabled, totpEnabled: users.totpEnabled, totpLastStep: users.totpLastStep }).from(users).where(eq(users.email, email));
      if (!user) return { ok: false as const, reason: "no_account" as const };
      if (user.disabled) return { ok: false as const, reason: "disabled" as const };
      const inserted = await tx
        .insert(staffOidcIdentities)
        .values({ userId: user.userId, issuer: claims.issuer, subject: claims.subject, linkedAt: now })
        .onConflictDoNothing()
        .returning({ userId: staffOidcIdentities.userId });
      if (!inserted.length) return { ok: false as const, reason: "no_account" as const };
      linked = true;
      target = user;
      await recordAudit(tx, { ...audit, actorUserId: user.userId, actorLabel: user.email }, { agencyId: null, action: "auth.oidc_link", targetType: "user", targetId: user.userId, after: { issuer: claims.issuer, subject: claims.subject } });
    }
    if (target.disabled) return { ok: false as const, reason: "disabled" as const };
    await tx.update(staffOidcIdentities).set({ lastSignInAt: now }).where(and(eq(staffOidcIdentities.issuer, claims.issuer), eq(staffOidcIdentities.subject, claims.subject)));
    if (!target.totpEnabled) await recordAudit(tx, { ...audit, actorUserId: target.userId, actorLabel: target.email }, { agencyId: null, action: "auth.login", targetType: "user", targetId: target.userId, after: { method: "oidc", issuer: claims.issuer } });
    return { ok: true as const, userId: target.userId, email: target.email, linked, totpEnabled: target.totpEnabled, totpLastStep: target.totpLastStep };
  });
}
