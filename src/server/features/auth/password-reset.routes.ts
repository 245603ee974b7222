import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../context";
import { AppError } from "../../errors";
import { auditContextOf } from "../../request-audit";
import { reserveResetRequest } from "../../../db/commands/login-throttle";
import { requestOwnResetLink } from "../../../db/commands/one-time-links";
import { linkEmail } from "../../../lib/mailer";
import { ForgotPasswordBody, PasswordResetOptionsResponse } from "./auth.schema";

/**
 * Self-service password reset ("Lupa kata sandi?"): a reset link by e-mail when SMTP is configured.
 * The answer is the same whether or not the address belongs to an account, and the e-mail is sent
 * after the answer, so neither the body nor the time tells who has an account.
 */
export const passwordResetRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;
    const now = ctx.auth.now ?? (() => new Date());

    app.get(
      "/api/auth/forgot-password",
      { config: { access: "public" }, schema: { summary: "Whether a forgotten password can be reset by e-mail here", tags: ["auth"], response: { 200: PasswordResetOptionsResponse } } },
      async () => ({ mail: Boolean(ctx.mailer) }),
    );

    app.post(
      "/api/auth/forgot-password",
      {
        config: { access: "public" },
        schema: { summary: "Ask for a password reset link by e-mail (same answer for every address)", tags: ["auth"], body: ForgotPasswordBody, response: { 202: PasswordResetOptionsResponse } },
      },
      async (req, reply) => {
        const mailer = ctx.mailer;
        if (!mailer) throw new AppError(409, "reset_needs_administrator", "e-mail (SMTP) is not configured: ask your administrator for a reset link");
        const attempt = await reserveResetRequest(db, { email: req.body.email, ip: req.ip }, ctx.auth.throttle, now());
        if (!attempt.allowed) {
          reply.header("retry-after", String(attempt.retryAfterSeconds));
          throw new AppError(429, "too_many_attempts", `too many reset requests; try again in ${attempt.retryAfterSeconds} s`);
        }
        const issued = await requestOwnResetLink(db, auditContextOf(req), req.body.email);
        if (issued) {
          const path = `/atur-sandi/${issued.link.token}`;
          // Not awaited: the answer must not wait for (and so reveal) a mail delivery.
          void mailer.send({ to: issued.user.email, ...linkEmail("reset", issued.user.name, `${mailer.publicUrl}${path}`, issued.link.expiresAt) }).catch((err: unknown) => req.log.warn({ err }, "could not e-mail a requested reset link"));
        }
        return reply.status(202).send({ mail: true });
      },
    );
  };
