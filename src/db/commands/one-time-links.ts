import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { oneTimeLinks, users } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import { newToken, sha256Hex } from "../../lib/secure-token";
import { endUserCredentials } from "./sessions";
import { notifyResetLink } from "./notify";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type LinkPurpose = "invitation" | "reset";

/** Issues a one-time link token (valid 72 hours for invitations, 2 hours for resets). */
export async function issueOneTimeLink(tx: Tx | Db, userId: number, purpose: LinkPurpose): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + (purpose === "invitation" ? 72 : 2) * 3_600_000);
  await tx.insert(oneTimeLinks).values({ tokenHash: sha256Hex(token), userId, purpose, expiresAt });
  return { token, expiresAt };
}

/**
 * Issues a password reset link for a user with its `user.reset_link` audit event (in `agencyId`'s
 * trail, saying how it is delivered) and tells the user in the app who made it, in one transaction.
 */
export async function issueResetLink(
  db: Db,
  ctx: AuditContext,
  input: { userId: number; agencyId: number | null; delivery: "email" | "shown"; issuerName: string },
): Promise<{ token: string; expiresAt: Date }> {
  return db.transaction(async (tx) => {
    const link = await issueOneTimeLink(tx, input.userId, "reset");
    await recordAudit(tx, ctx, { agencyId: input.agencyId, action: "user.reset_link", targetType: "user", targetId: input.userId, after: { expiresAt: link.expiresAt.toISOString(), delivery: input.delivery } });
    await notifyResetLink(tx, { userId: input.userId, issuerName: input.issuerName, actorUserId: ctx.actorUserId });
    return link;
  });
}

/**
 * Redeems a link: sets the password, marks the link used, ends the user's sessions and API tokens
 * (whoever held them no longer knows the password), and records it. Returns the user id, or null when the link is unknown, used or expired.
 */
export async function redeemOneTimeLink(db: Db, ctx: AuditContext, token: string, passwordHash: string): Promise<number | null> {
  return db.transaction(async (tx) => {
    const [link] = await tx
      .update(oneTimeLinks)
      .set({ usedAt: new Date() })
      .where(and(eq(oneTimeLinks.tokenHash, sha256Hex(token)), isNull(oneTimeLinks.usedAt), gt(oneTimeLinks.expiresAt, new Date())))
      .returning();
    if (!link) return null;
    const [user] = await tx.update(users).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(users.id, link.userId)).returning({ id: users.id, email: users.email });
    const { sessionsEnded, tokensRevoked } = await endUserCredentials(tx, link.userId);
    await recordAudit(tx, { ...ctx, actorUserId: user!.id, actorLabel: user!.email }, { agencyId: null, action: `user.${link.purpose}_redeemed`, targetType: "user", targetId: user!.id, after: { passwordSet: true, sessionsEnded, tokensRevoked } });
    return user!.id;
  });
}

/** The user a live link belongs to (for showing whose password is being set). */
export async function peekOneTimeLink(db: Db, token: string) {
  const [row] = await db
    .select({ email: users.email, name: users.name, purpose: oneTimeLinks.purpose })
    .from(oneTimeLinks)
    .innerJoin(users, eq(oneTimeLinks.userId, users.id))
    .where(and(eq(oneTimeLinks.tokenHash, sha256Hex(token)), isNull(oneTimeLinks.usedAt), gt(oneTimeLinks.expiresAt, new Date())));
  return row;
}

/**
 * A self-service reset request ("Lupa kata sandi?") for `email`, in one transaction: for an active
 * account a reset link (2 hours, single use) with its `user.reset_link` audit event (delivery e-mail,
 * requested by the owner) and an in-app notice; for an unknown or disabled address only an
 * `auth.reset_request` event that names no address. Returns the link and its owner, or null; the
 * caller answers the same either way.
 */
export async function requestOwnResetLink(db: Db, ctx: AuditContext, email: string): Promise<{ user: { id: number; email: string; name: string }; link: { token: string; expiresAt: Date } } | null> {
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id, email: users.email, name: users.name, disabled: users.disabled }).from(users).where(eq(users.email, email.toLowerCase()));
    if (!user || user.disabled) {
      await recordAudit(tx, ctx, { agencyId: null, action: "auth.reset_request", targetType: "user", targetId: null, after: { matched: false } });
      return null;
    }
    const link = await issueOneTimeLink(tx, user.id, "reset");
    await recordAudit(tx, ctx, { agencyId: null, action: "user.reset_link", targetType: "user", targetId: user.id, after: { expiresAt: link.expiresAt.toISOString(), delivery: "email", requestedBy: "owner" } });
    await notifyResetLink(tx, { userId: user.id, issuerName: user.name, actorUserId: null });
    return { user: { id: user.id, email: user.email, name: user.name }, link };
  });
}
