import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context";
import { AppError } from "../../errors";
import { auditContextOf, storableUserAgent } from "../../request-audit";
import { SESSION_COOKIE } from "../../auth/session-settings";
import { findUserForLogin, listUserRoles, loadActor } from "../../../db/queries/actors";
import { attemptSucceeded, passwordAccepted } from "../../../db/commands/login-throttle";
import { createSession, deleteSession, revokeUserSessions } from "../../../db/commands/sessions";
import { changePassword } from "../../../db/commands/change-password";
import { recordAudit } from "../../../db/audit/record-audit";
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from "../../../lib/passwords";
import { confirmOwnPassword } from "../../auth/confirm-own-password";
import { openStaffSession, reserveSignInAttempt, setSessionCookie, spendTotpCode } from "../../auth/staff-sign-in";
import { presentMe } from "./me.presenter";
import { LinkInfoResponse, LinkTokenParams, LoginBody, MeResponse, PasswordChangeBody, ProfileBody, SessionResponse, SetPasswordBody } from "./auth.schema";
import { updateProfile } from "../../../db/commands/update-profile";
import { findUserById } from "../../../db/queries/actors";
import { peekOneTimeLink, redeemOneTimeLink } from "../../../db/commands/one-time-links";

const PASSWORD_MESSAGES = {
  password_too_short: "newPassword: use at least 10 characters",
  password_too_weak: "newPassword: too easy to guess; use a longer passphrase",
} as const;

/** Sign-in, sign-out, the current user and password change. */
export const authRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;
    const now = ctx.auth.now ?? (() => new Date());
    const verify = ctx.auth.verifyPassword ?? verifyPassword;
    await dummyPasswordHash(); // made now, so the first unknown e-mail does not take longer than the rest


    app.post(
      "/api/auth/login",
      { config: { access: "public" }, schema: { summary: "Sign in with e-mail and password", tags: ["auth"], body: LoginBody, response: { 200: MeResponse } } },
      async (req, reply) => {
        const attempt = await reserveSignInAttempt(ctx, reply, req.body.email, req.ip, now());
        const user = await findUserForLogin(db, req.body.email);
        // Unknown e-mails and accounts without a password verify a dummy hash: same time, no enumeration.
        const passwordRight = await verify(user?.passwordHash ?? (await dummyPasswordHash()), req.body.password);
        if (!passwordRight || !user?.passwordHash || user.disabled) throw new AppError(401, "invalid_credentials", "wrong e-mail or password");
        if (user.totpEnabled) {
          if (!req.body.totp) {
            await passwordAccepted(db, attempt);
            throw new AppError(401, "totp_required", "enter the 6-digit code from your authenticator app");
          }
          await spendTotpCode(ctx, user, req.body.totp);
        }
        await attemptSucceeded(db, attempt);
        const session = await openStaffSession(ctx, req, reply, user, {});
        const { passwordHash: _hash, totpSecret: _secret, totpLastStep: _step, ...row } = user;
        const actor = await loadActor(db, user.id, true);
        return presentMe({ actor, user: row, via: "session", csrfToken: session.csrfToken }, await listUserRoles(db, user.id));
      },
    );

    app.post(
      "/api/auth/logout",
      { config: { access: "authenticated" }, schema: { summary: "Sign out of this session", tags: ["auth"], response: { 204: z.null() } } },
      async (req, reply) => {
        if (req.auth!.sessionId) await deleteSession(db, req.auth!.sessionId);
        await db.transaction((tx) => recordAudit(tx, auditContextOf(req), { agencyId: null, action: "auth.logout", targetType: "user", targetId: req.auth!.user.id }));
        reply.clearCookie(SESSION_COOKIE, { path: "/" });
        return reply.status(204).send(null);
      },
    );

    app.post(
      "/api/auth/logout-all",
      { config: { access: "authenticated" }, schema: { summary: "Sign out everywhere (every session of this user)", tags: ["auth"], response: { 200: z.object({ ended: z.number() }) } } },
      async (req, reply) => {
        const ended = await db.transaction(async (tx) => {
          const n = await revokeUserSessions(tx, req.auth!.user.id);
          await recordAudit(tx, auditContextOf(req), { agencyId: null, action: "auth.logout_all", targetType: "user", targetId: req.auth!.user.id, after: { sessionsEnded: n } });
          return n;
        });
        reply.clearCookie(SESSION_COOKIE, { path: "/" });
        return { ended };
      },
    );

    app.get(
      "/api/me",
      { config: { access: "authenticated" }, schema: { summary: "The signed-in user, roles and abilities", tags: ["auth"], response: { 200: MeResponse } } },
      async (req) => presentMe(req.auth!, await listUserRoles(db, req.auth!.user.id)),
    );

    // A probe every page may make: being signed out is an answer here, not an error (no 401 in the console).
    app.get(
      "/api/session",
      { config: { access: "public" }, schema: { summary: "Who is signed in: the same as GET /api/me, or { user: null }", tags: ["auth"], response: { 200: SessionResponse } } },
      async (req) => (req.auth ? presentMe(req.auth, await listUserRoles(db, req.auth.user.id)) : { user: null }),
    );

    app.patch(
      "/api/me",
      { config: { access: "authenticated" }, schema: { summary: "Update my profile (name, NIP, phone, language)", tags: ["auth"], body: ProfileBody, response: { 200: MeResponse } } },
      async (req) => {
        const id = req.auth!.user.id;
        await updateProfile(db, auditContextOf(req), id, req.body);
        const user = (await findUserById(db, id))!;
        return presentMe({ ...req.auth!, user }, await listUserRoles(db, id));
      },
    );

    app.post(
      "/api/me/password",
      { config: { access: "authenticated" }, schema: { summary: "Change own password (ends all sessions, opens a new one)", tags: ["auth"], body: PasswordChangeBody, response: { 200: MeResponse } } },
      async (req, reply) => {
        const me = req.auth!.user;
        const user = await findUserForLogin(db, me.email);
        await confirmOwnPassword(ctx, req, reply, { email: me.email, passwordHash: user?.passwordHash ?? null, password: req.body.currentPassword, field: "currentPassword" });
        const problem = await passwordProblem(req.body.newPassword, [me.email, me.name]);
        if (problem) throw new AppError(400, problem, PASSWORD_MESSAGES[problem], { field: "newPassword" });
        await changePassword(db, auditContextOf(req), { userId: me.id, passwordHash: await hashPassword(req.body.newPassword), action: "user.password_change" });
        const session = await createSession(db, { userId: me.id, ip: req.ip, userAgent: storableUserAgent(req), maxHours: ctx.auth.sessions.maxHours });
        setSessionCookie(req, reply, session);
        return presentMe({ ...req.auth!, via: "session", csrfToken: session.csrfToken }, await listUserRoles(db, me.id));
      },
    );

    app.get(
      "/api/auth/links/:token",
      { config: { access: "public" }, schema: { summary: "Whose invitation or reset link this is", tags: ["auth"], params: LinkTokenParams, response: { 200: LinkInfoResponse } } },
      async (req) => {
        const link = await peekOneTimeLink(db, req.params.token);
        if (!link) throw new AppError(404, "not_found", "this link is unknown, used or expired", { resource: "link" });
        return { email: link.email, name: link.name, purpose: link.purpose as "invitation" | "reset" };
      },
    );

    app.post(
      "/api/auth/set-password",
      { config: { access: "public" }, schema: { summary: "Set a password with a one-time invitation or reset link", tags: ["auth"], body: SetPasswordBody, response: { 204: z.null() } } },
      async (req, reply) => {
        const link = await peekOneTimeLink(db, req.body.token);
        if (!link) throw new AppError(404, "not_found", "this link is unknown, used or expired", { resource: "link" });
        const problem = await passwordProblem(req.body.password, [link.email, link.name]);
        if (problem) throw new AppError(400, problem, PASSWORD_MESSAGES[problem].replace("newPassword", "password"), { field: "password" });
        const userId = await redeemOneTimeLink(db, auditContextOf(req), req.body.token, await hashPassword(req.body.password));
        if (userId === null) throw new AppError(404, "not_found", "this link is unknown, used or expired", { resource: "link" });
        return reply.status(204).send(null);
      },
    );
  };
