import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { secretBoxOf, type AppContext } from "../../context";
import { AppError } from "../../errors";
import { auditContextOf } from "../../request-audit";
import { setPendingTotp, setTotpEnabled, totpState, useTotpStep } from "../../../db/commands/two-factor";
import { confirmOwnPassword } from "../../auth/confirm-own-password";
import { acceptTotp, newTotpSecret, totpEnrolment } from "../../../lib/totp";
import { TotpCodeBody, TotpDisableBody, TotpSetupResponse } from "./auth.schema";

/** Two-factor sign-in with an authenticator app (TOTP): set up, confirm, turn off. */
export const twoFactorRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;
    app.post(
      "/api/me/2fa/setup",
      { config: { access: "authenticated" }, schema: { summary: "Start two-factor setup: a new secret and its QR code", tags: ["auth"], response: { 200: TotpSetupResponse } } },
      async (req) => {
        if (req.auth!.via !== "session") throw new AppError(403, "two_factor_needs_session", "sign in to change two-factor settings");
        if ((await totpState(db, req.auth!.user.id)).enabled) throw new AppError(409, "two_factor_already_on", "two-factor sign-in is already on; turn it off first");
        const secret = newTotpSecret();
        await setPendingTotp(db, auditContextOf(req), req.auth!.user.id, secretBoxOf(ctx).seal(secret));
        return { secret, ...(await totpEnrolment(secret, req.auth!.user.email)) };
      },
    );
    app.post(
      "/api/me/2fa/enable",
      { config: { access: "authenticated" }, schema: { summary: "Confirm setup with a code; sign-in then asks for codes", tags: ["auth"], body: TotpCodeBody, response: { 204: z.null() } } },
      async (req, reply) => {
        if (req.auth!.via !== "session") throw new AppError(403, "two_factor_needs_session", "sign in to change two-factor settings");
        const state = await totpState(db, req.auth!.user.id);
        if (!state.secret || state.enabled) throw new AppError(409, "two_factor_not_started", "start two-factor setup first");
        const step = acceptTotp(secretBoxOf(ctx).open(state.secret), req.body.code, state.lastStep);
        if (step === null) throw new AppError(400, "invalid_totp", "code: wrong or expired", { field: "code" });
        await setTotpEnabled(db, auditContextOf(req), req.auth!.user.id, true);
        await useTotpStep(db, req.auth!.user.id, step);
        return reply.status(204).send(null);
      },
    );
    app.post(
      "/api/me/2fa/disable",
      { config: { access: "authenticated" }, schema: { summary: "Turn two-factor sign-in off (needs the password)", tags: ["auth"], body: TotpDisableBody, response: { 204: z.null() } } },
      async (req, reply) => {
        if (req.auth!.via !== "session") throw new AppError(403, "two_factor_needs_session", "sign in to change two-factor settings");
        const state = await totpState(db, req.auth!.user.id);
        await confirmOwnPassword(ctx, req, reply, { email: req.auth!.user.email, passwordHash: state.passwordHash, password: req.body.password, field: "password" });
        await setTotpEnabled(db, auditContextOf(req), req.auth!.user.id, false);
        return reply.status(204).send(null);
      },
    );
  };
