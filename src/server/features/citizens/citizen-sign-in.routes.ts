import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { AppContext } from "../../context";
import { AppError } from "../../errors";
import { caughtByHoneypot, honeypotField } from "../../honeypot";
import { startCitizenSession } from "../../citizens/citizen-auth";
import { originOf } from "../../public-origin";
import { beginOidcSignIn, finishOidcSignIn, OidcRefused } from "../../auth/oidc-relying-party";
import { safeReturnTo } from "../../../core";
import { citizenByEmail, citizenByOidc } from "../../../db/commands/citizens";
import { issueSignInCode, redeemSignInCode } from "../../../db/commands/citizen-sign-in";
import { newSignInCode } from "../../../lib/sign-in-code";

const Email = z.string().trim().toLowerCase().email().max(254);

export const CodeRequestBody = z.object({ email: Email, ...honeypotField });
export const CodeRequestResponse = z
  .object({
    /** The same answer whether or not the address has an account. */
    sent: z.literal(true),
    expiresAt: z.string(),
    /** Demo mode without SMTP only: the code itself, shown instead of e-mailed. */
    demoCode: z.string().optional(),
  });
export const CodeVerifyBody = z.object({ email: Email, code: z.string().trim().regex(/^\d{6}$/, "six digits"), ...honeypotField });
export const CitizenSignedIn = z.object({ csrfToken: z.string() });
export const CitizenSignInOptions = z
  .object({
    /** E-mail codes can be sent (SMTP configured, or demo mode showing them). */
    emailCode: z.boolean(),
    /** The OpenID Connect provider's button, when configured. */
    oidc: z.object({ label: z.string() }).nullable(),
  });
const OidcStartQuery = z.object({ returnTo: z.string().max(500).optional() });

/** The citizen sign-in page of the SPA, where refusals of the provider flow are explained. */
export const CITIZEN_SIGN_IN_PAGE = "/masuk-warga";
export const CITIZEN_HOME_PAGE = "/warga";

function codeEmail(code: string, minutes: number): { subject: string; text: string } {
  return {
    subject: `Kode masuk Pandu: ${code} / Your Pandu sign-in code`,
    text: `Kode masuk Anda: ${code}\nBerlaku ${minutes} menit dan hanya sekali pakai. Abaikan e-mail ini bila Anda tidak memintanya.\n\n---\nYour sign-in code: ${code}\nValid for ${minutes} minutes, once. Ignore this e-mail if you did not ask for it.\n`,
  };
}

/** Citizens sign in: an e-mail one-time code, or the configured OpenID Connect provider (INApas). */
export const citizenSignInRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const now = ctx.auth.now ?? (() => new Date());
    const perIp = ctx.citizenSignIn?.perIpPerHour ?? 20;
    const limits = ctx.citizenSignIn?.codeLimits;
    const oidcProvider = () => ctx.citizenSignIn?.oidc ?? null;
    const redirectUri = (req: FastifyRequest) => `${originOf(ctx, req)}/api/citizen/oidc/callback`;

    app.get(
      "/api/citizen/sign-in/options",
      { config: { access: "public" }, schema: { summary: "Which ways of signing in citizens have", tags: ["citizens"], response: { 200: CitizenSignInOptions } } },
      async () => ({ emailCode: Boolean(ctx.mailer) || Boolean(ctx.demo), oidc: oidcProvider() ? { label: oidcProvider()!.label } : null }),
    );

    app.post(
      "/api/citizen/sign-in/code",
      {
        config: { access: "public", rateLimit: { max: perIp, timeWindow: 3_600_000 } },
        schema: {
          summary: "E-mail a 6-digit sign-in code (10 minutes, one use); the same answer for any address",
          tags: ["citizens"],
          body: CodeRequestBody,
          response: { 200: CodeRequestResponse },
        },
      },
      async (req) => {
        const at = now();
        const minutes = Math.round((limits?.lifetimeMs ?? 600_000) / 60_000);
        if (caughtByHoneypot(req.body)) return { sent: true as const, expiresAt: new Date(at.getTime() + minutes * 60_000).toISOString() };
        if (!ctx.mailer && !ctx.demo) throw new AppError(503, "sign_in_email_unavailable", "sign-in codes cannot be e-mailed: this server has no SMTP configured");
        const code = newSignInCode();
        const issued = await issueSignInCode(ctx.database.db, { email: req.body.email, code, now: at, limits });
        if ("retryAfterSeconds" in issued) {
          throw new AppError(429, "too_many_requests", `too many codes for this address; try again in ${issued.retryAfterSeconds} s`, { retryAfterSeconds: issued.retryAfterSeconds });
        }
        if (ctx.mailer) {
          try {
            await ctx.mailer.send({ to: req.body.email, ...codeEmail(code, minutes) });
          } catch (err) {
            req.log.error({ err }, "sign-in code e-mail failed");
            throw new AppError(502, "email_failed", "the e-mail could not be sent; try again later");
          }
          return { sent: true as const, expiresAt: issued.expiresAt.toISOString() };
        }
        return { sent: true as const, expiresAt: issued.expiresAt.toISOString(), demoCode: code };
      },
    );

    app.post(
      "/api/citizen/sign-in/verify",
      {
        config: { access: "public", rateLimit: { max: perIp, timeWindow: 3_600_000 } },
        schema: { summary: "Sign in with the e-mailed code: opens the citizen session (cookie)", tags: ["citizens"], body: CodeVerifyBody, response: { 200: CitizenSignedIn } },
      },
      async (req, reply) => {
        if (caughtByHoneypot(req.body)) throw new AppError(401, "sign_in_code_expired", "this code is unknown, used or expired; ask for a new one");
        const at = now();
        const check = await redeemSignInCode(ctx.database.db, { email: req.body.email, code: req.body.code, now: at, limits });
        if (!check.ok) {
          if (check.reason === "wrong") throw new AppError(401, "sign_in_code_wrong", "the code is wrong", { triesLeft: check.triesLeft });
          if (check.reason === "exhausted") throw new AppError(401, "sign_in_code_exhausted", "too many wrong codes; ask for a new one");
          throw new AppError(401, "sign_in_code_expired", "this code is unknown, used or expired; ask for a new one");
        }
        const citizen = await citizenByEmail(ctx.database.db, req.body.email, at);
        const s = await startCitizenSession(ctx.database, req, reply, { citizenId: citizen.id, method: "email_code", settings: ctx.auth.sessions, now: at });
        return { csrfToken: s.csrfToken };
      },
    );

    app.get(
      "/api/citizen/oidc/start",
      {
        config: { access: "public", rateLimit: { max: perIp, timeWindow: 3_600_000 } },
        schema: { summary: "Start signing in through the OpenID Connect provider (redirects there)", tags: ["citizens"], querystring: OidcStartQuery },
      },
      async (req, reply) => {
        const p = oidcProvider();
        if (!p) throw new AppError(404, "oidc_not_configured", "no OpenID Connect provider is configured for citizens");
        let url: string;
        try {
          url = await beginOidcSignIn(ctx.database, p, { audience: "citizen", redirectUri: redirectUri(req), returnTo: safeReturnTo(req.query.returnTo, CITIZEN_HOME_PAGE), now: now() });
        } catch (err) {
          req.log.error({ err }, "OpenID Connect provider unreachable");
          return reply.redirect(`${CITIZEN_SIGN_IN_PAGE}?galat=oidc_failed`);
        }
        return reply.redirect(url);
      },
    );

    app.get(
      "/api/citizen/oidc/callback",
      { config: { access: "public" }, schema: { summary: "The provider's redirect back: verifies it, opens the session, returns to the SPA", tags: ["citizens"] } },
      async (req, reply) => {
        const p = oidcProvider();
        if (!p) throw new AppError(404, "oidc_not_configured", "no OpenID Connect provider is configured for citizens");
        const at = now();
        const query = req.url.includes("?") ? req.url.slice(req.url.indexOf("?") + 1) : "";
        try {
          const { identity, returnTo } = await finishOidcSignIn(ctx.database, p, { audience: "citizen", redirectUri: redirectUri(req), query, now: at });
          const citizen = await citizenByOidc(ctx.database.db, identity, at);
          await startCitizenSession(ctx.database, req, reply, { citizenId: citizen.id, method: "oidc", settings: ctx.auth.sessions, now: at });
          return reply.redirect(returnTo);
        } catch (err) {
          if (!(err instanceof OidcRefused)) throw err;
          req.log.warn({ code: err.code, reason: err.message }, "citizen OpenID Connect sign-in refused");
          return reply.redirect(`${CITIZEN_SIGN_IN_PAGE}?galat=${err.code}`);
        }
      },
    );
  };
