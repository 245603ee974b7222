import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { AppError } from "../../errors";
import { storableUserAgent } from "../../request-audit";
import { originOf } from "../../public-origin";
import { beginOidcSignIn, finishOidcSignIn, OidcRefused } from "../../auth/oidc-relying-party";
import { safeReturnTo } from "../../../core";
import { staffByOidc } from "../../../db/commands/citizen-sign-in";
import { attemptSucceeded } from "../../../db/commands/login-throttle";
import { openStaffSession, reserveSignInAttempt, spendTotpCode } from "../../auth/staff-sign-in";
import { findUserForLoginById } from "../../../db/queries/actors";
import { secretBoxOf, type AppContext } from "../../context";

export const StaffOidcOptions = z.object({ oidc: z.object({ label: z.string() }).nullable() });
const StartQuery = z.object({ returnTo: z.string().max(500).optional() });
const SecondFactorBody = z.object({ totp: z.string().regex(/^\d{6}$/, "6 digits") });
const SecondFactorDone = z.object({ returnTo: z.string() });

/**
 * An SSO sign-in of an account with two-factor on, waiting for the authenticator code: sealed with
 * the server's secret key (AES-GCM, so it cannot be forged or altered) in an httpOnly cookie that
 * only the code endpoint receives, for 10 minutes. It holds the account's last spent code step at
 * the time (`afterStep`) and is good only while no code has been spent since: once one code has
 * completed it (or the account signed in with a code anywhere else), a copy of the cookie is void.
 */
const PENDING_COOKIE = "pandu_sso_2fa";
const PENDING_PATH = "/api/auth/oidc";
const PENDING_MINUTES = 10;
interface PendingSignIn {
  userId: number;
  issuer: string;
  returnTo: string;
  expiresAt: number;
  afterStep: number | null;
}

const STAFF_SIGN_IN_PAGE = "/masuk";
const STAFF_HOME_PAGE = "/beranda";

/**
 * Staff sign-in through an OpenID Connect provider (PANDU_STAFF_OIDC_*, optional). The provider's
 * subject signs in the Pandu account linked to it; the first time, only an enabled account whose
 * e-mail equals the provider's verified e-mail is linked. No account is created, no role granted.
 */
export const staffOidcRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const now = ctx.auth.now ?? (() => new Date());
    const provider = () => ctx.staffOidc ?? null;
    const redirectUri = (req: FastifyRequest) => `${originOf(ctx, req)}/api/auth/oidc/callback`;

    app.get(
      "/api/auth/oidc/options",
      { config: { access: "public" }, schema: { summary: "Whether staff can sign in through SSO (OpenID Connect)", tags: ["auth"], response: { 200: StaffOidcOptions } } },
      async () => ({ oidc: provider() ? { label: provider()!.label } : null }),
    );

    app.get(
      "/api/auth/oidc/start",
      { config: { access: "public", rateLimit: { max: 30, timeWindow: 60_000 } }, schema: { summary: "Start staff sign-in through SSO (redirects to the provider)", tags: ["auth"], querystring: StartQuery } },
      async (req, reply) => {
        const p = provider();
        if (!p) throw new AppError(404, "oidc_not_configured", "no OpenID Connect provider is configured for staff");
        try {
          return reply.redirect(await beginOidcSignIn(ctx.database, p, { audience: "staff", redirectUri: redirectUri(req), returnTo: safeReturnTo(req.query.returnTo, STAFF_HOME_PAGE), now: now() }));
        } catch (err) {
          req.log.error({ err }, "staff OpenID Connect provider unreachable");
          return reply.redirect(`${STAFF_SIGN_IN_PAGE}?galat=oidc_failed`);
        }
      },
    );

    app.get(
      "/api/auth/oidc/callback",
      { config: { access: "public" }, schema: { summary: "The SSO provider's redirect back: links or finds the account, opens the session", tags: ["auth"] } },
      async (req, reply) => {
        const p = provider();
        if (!p) throw new AppError(404, "oidc_not_configured", "no OpenID Connect provider is configured for staff");
        const query = req.url.includes("?") ? req.url.slice(req.url.indexOf("?") + 1) : "";
        try {
          const { identity, returnTo } = await finishOidcSignIn(ctx.database, p, { audience: "staff", redirectUri: redirectUri(req), query, now: now() });
          const outcome = await staffByOidc(ctx.database.db, { ip: req.ip ?? null, userAgent: storableUserAgent(req) }, identity, now());
          if (!outcome.ok) {
            req.log.warn({ issuer: identity.issuer, reason: outcome.reason }, "staff SSO sign-in refused");
            return reply.redirect(`${STAFF_SIGN_IN_PAGE}?galat=${outcome.reason === "disabled" ? "oidc_account_disabled" : "oidc_no_account"}`);
          }
          if (outcome.totpEnabled) {
            // The provider vouched for the person; the account's own second factor is still asked for.
            const pending: PendingSignIn = { userId: outcome.userId, issuer: identity.issuer, returnTo, expiresAt: now().getTime() + PENDING_MINUTES * 60_000, afterStep: outcome.totpLastStep };
            reply.setCookie(PENDING_COOKIE, secretBoxOf(ctx).seal(JSON.stringify(pending)), { httpOnly: true, sameSite: "lax", secure: req.protocol === "https", path: PENDING_PATH, maxAge: PENDING_MINUTES * 60 });
            return reply.redirect(`${STAFF_SIGN_IN_PAGE}?sso=kode`);
          }
          // staffByOidc recorded the sign-in with the link, in its own transaction.
          await openStaffSession(ctx, req, reply, { id: outcome.userId, email: outcome.email }, null);
          return reply.redirect(returnTo);
        } catch (err) {
          if (!(err instanceof OidcRefused)) throw err;
          req.log.warn({ code: err.code, reason: err.message }, "staff OpenID Connect sign-in refused");
          return reply.redirect(`${STAFF_SIGN_IN_PAGE}?galat=${err.code}`);
        }
      },
    );

    app.post(
      "/api/auth/oidc/totp",
      {
        config: { access: "public" },
        schema: {
          operationId: "finishSsoWithTotp",
          summary: "The authenticator code that completes an SSO sign-in of an account with two-factor on",
          description: "401 sso_second_factor_invalid when this browser has no pending SSO sign-in (or it was altered, or already completed by a code), sso_second_factor_expired after 10 minutes, invalid_totp for a wrong or reused code; 429 too_many_attempts like the password sign-in. On success the session cookie is set and `returnTo` says where to go.",
          tags: ["auth"],
          body: SecondFactorBody,
          response: { 200: SecondFactorDone },
        },
      },
      async (req, reply) => {
        const db = ctx.database.db;
        const box = secretBoxOf(ctx);
        const sealed = req.cookies[PENDING_COOKIE];
        const forget = () => reply.clearCookie(PENDING_COOKIE, { path: PENDING_PATH });
        let pending: PendingSignIn | null = null;
        try {
          // Only a value this server sealed: open() passes an unsealed value through unchanged.
          pending = sealed && box.isSealed(sealed) ? (JSON.parse(box.open(sealed)) as PendingSignIn) : null;
        } catch {
          pending = null;
        }
        if (!pending || typeof pending.userId !== "number" || (pending.afterStep !== null && typeof pending.afterStep !== "number")) {
          forget();
          throw new AppError(401, "sso_second_factor_invalid", "no pending SSO sign-in in this browser");
        }
        if (now().getTime() > pending.expiresAt) {
          forget();
          throw new AppError(401, "sso_second_factor_expired", "the SSO sign-in is older than 10 minutes");
        }
        const user = await findUserForLoginById(db, pending.userId);
        if (!user || user.disabled || !user.totpEnabled || !user.totpSecret || user.totpLastStep !== pending.afterStep) {
          forget();
          throw new AppError(401, "sso_second_factor_invalid", "the account can no longer sign in this way, or this pending sign-in was used");
        }
        const attempt = await reserveSignInAttempt(ctx, reply, user.email, req.ip, now());
        await spendTotpCode(ctx, user, req.body.totp, pending.afterStep);
        await attemptSucceeded(db, attempt);
        await openStaffSession(ctx, req, reply, user, { after: { method: "oidc", issuer: pending.issuer, secondFactor: "totp" } });
        forget();
        return { returnTo: pending.returnTo };
      },
    );
  };
