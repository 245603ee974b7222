import type { FastifyReply, FastifyRequest } from "fastify";
import { secretBoxOf, type AppContext } from "../context";
import { AppError } from "../errors";
import { auditContextOf, storableUserAgent } from "../request-audit";
import { SESSION_COOKIE } from "./session-settings";
import { recordAudit } from "../../db/audit/record-audit";
import { reserveLoginAttempt, type LoginAttempt } from "../../db/commands/login-throttle";
import { createSession } from "../../db/commands/sessions";
import { useTotpStep } from "../../db/commands/two-factor";
import { acceptTotp } from "../../lib/totp";

/*
 * The steps a staff sign-in shares, whether it starts with a password or with the SSO provider:
 * the throttle, the authenticator code, and the session with its audit event and cookie.
 */

/** Counts an attempt for the account and the address (before anything is checked), or answers 429. */
export async function reserveSignInAttempt(ctx: AppContext, reply: FastifyReply, email: string, ip: string, now: Date): Promise<Extract<LoginAttempt, { allowed: true }>> {
  const attempt = await reserveLoginAttempt(ctx.database.db, { email, ip }, ctx.auth.throttle, now);
  if (!attempt.allowed) {
    reply.header("retry-after", String(attempt.retryAfterSeconds));
    throw new AppError(429, "too_many_attempts", `too many failed sign-ins; try again in ${attempt.retryAfterSeconds} s`, { retryAfterSeconds: attempt.retryAfterSeconds });
  }
  return attempt;
}

/**
 * Accepts the account's current authenticator code and spends its step (a code works once, even for
 * two requests at the same moment); 401 invalid_totp otherwise. `whileLastStep`: only while no code
 * has been spent since the account's last spent step was that one (see `useTotpStep`).
 */
export async function spendTotpCode(ctx: AppContext, user: { id: number; totpSecret: string | null; totpLastStep: number | null }, code: string, whileLastStep?: number | null): Promise<void> {
  const step = user.totpSecret ? acceptTotp(secretBoxOf(ctx).open(user.totpSecret), code, user.totpLastStep) : null;
  if (step === null || !(await useTotpStep(ctx.database.db, user.id, step, whileLastStep))) throw new AppError(401, "invalid_totp", "the authenticator code is wrong, expired or already used");
}

/** Sets the staff session cookie. */
export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, session: { token: string; expiresAt: Date }): void {
  reply.setCookie(SESSION_COOKIE, session.token, { httpOnly: true, sameSite: "lax", secure: req.protocol === "https", path: "/", expires: session.expiresAt });
}

/**
 * Opens a staff session for a signed-in user: the session row, the `auth.login` audit event (with how
 * they signed in, `after`; none when the caller's command already recorded it) and the cookie.
 */
export async function openStaffSession(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  user: { id: number; email: string },
  login: { after?: Record<string, unknown> } | null,
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const { db } = ctx.database;
  const session = await createSession(db, { userId: user.id, ip: req.ip, userAgent: storableUserAgent(req), maxHours: ctx.auth.sessions.maxHours });
  if (login) {
    await db.transaction((tx) =>
      recordAudit(tx, { ...auditContextOf(req), actorUserId: user.id, actorLabel: user.email }, { agencyId: null, action: "auth.login", targetType: "user", targetId: user.id, ...(login.after ? { after: login.after } : {}) }),
    );
  }
  setSessionCookie(req, reply, session);
  return session;
}
