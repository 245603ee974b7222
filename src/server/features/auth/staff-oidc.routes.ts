import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { AppContext } from "../../context";
import { AppError } from "../../errors";
import { SESSION_COOKIE } from "../../auth/session-settings";
import { storableUserAgent } from "../../request-audit";
import { originOf } from "../../public-origin";
import { beginOidcSignIn, finishOidcSignIn, OidcRefused } from "../../auth/oidc-relying-party";
import { safeReturnTo } from "../../../core";
import { createSession } from "../../../db/commands/sessions";
import { staffByOidc } from "../../../db/commands/citizen-sign-in";

export const StaffOidcOptions = z.object({ oidc: z.object({ label: z.string() }).nullable() });
const StartQuery = z.object({ returnTo: z.string().max(500).optional() });

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
          const session = await createSession(ctx.database.db, { userId: outcome.userId, ip: req.ip, userAgent: storableUserAgent(req), maxHours: ctx.auth.sessions.maxHours });
          reply.setCookie(SESSION_COOKIE, session.token, { httpOnly: true, sameSite: "lax", secure: req.protocol === "https", path: "/", expires: session.expiresAt });
          return reply.redirect(returnTo);
        } catch (err) {
          if (!(err instanceof OidcRefused)) throw err;
          req.log.warn({ code: err.code, reason: err.message }, "staff OpenID Connect sign-in refused");
          return reply.redirect(`${STAFF_SIGN_IN_PAGE}?galat=${err.code}`);
        }
      },
    );
  };
