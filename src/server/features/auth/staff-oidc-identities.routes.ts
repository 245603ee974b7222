import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { isAdministrator } from "../../../core";
import type { AppContext } from "../../context";
import { AppError, notFound } from "../../errors";
import { auditContextOf } from "../../request-audit";
import { confirmOwnPassword } from "../../auth/confirm-own-password";
import { unlinkStaffOidcIdentity } from "../../../db/commands/staff-oidc-identities";
import { staffOidcIdentitiesOf } from "../../../db/queries/staff-oidc-identities";
import { totpState } from "../../../db/commands/two-factor";
import { StaffOidcIdentityList, UnlinkOwnBody, UnlinkUserBody, UserIdParams } from "./staff-oidc-identities.schema";

const present = (rows: Awaited<ReturnType<typeof staffOidcIdentitiesOf>>) => ({
  identities: rows.map((r) => ({ issuer: r.issuer, subject: r.subject, linkedAt: r.linkedAt.toISOString(), lastSignInAt: r.lastSignInAt ? r.lastSignInAt.toISOString() : null })),
});

/**
 * The staff SSO identities linked to an account: the user sees and unlinks their own (password
 * re-confirmed, signed-in session only); an administrator sees and unlinks anyone's. Audited.
 */
export const staffOidcIdentityRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;
    app.get(
      "/api/me/oidc-identities",
      { config: { access: "authenticated" }, schema: { operationId: "listMyOidcIdentities", summary: "The SSO (OpenID Connect) identities linked to my account", tags: ["auth"], response: { 200: StaffOidcIdentityList } } },
      async (req) => present(await staffOidcIdentitiesOf(db, req.auth!.user.id)),
    );
    app.post(
      "/api/me/oidc-identities/unlink",
      { config: { access: "authenticated" }, schema: { operationId: "unlinkMyOidcIdentity", summary: "Unlink one of my SSO identities (needs the password; 404 when not linked)", tags: ["auth"], body: UnlinkOwnBody, response: { 204: z.null() } } },
      async (req, reply) => {
        if (req.auth!.via !== "session") throw new AppError(403, "sso_unlink_needs_session", "sign in to change the SSO link");
        const state = await totpState(db, req.auth!.user.id);
        await confirmOwnPassword(ctx, req, reply, { email: req.auth!.user.email, passwordHash: state.passwordHash, password: req.body.password, field: "password" });
        if (!(await unlinkStaffOidcIdentity(db, auditContextOf(req), { userId: req.auth!.user.id, issuer: req.body.issuer, subject: req.body.subject, byAdministrator: false }))) throw notFound("oidc_identity");
        return reply.status(204).send(null);
      },
    );
    app.get(
      "/api/users/:id/oidc-identities",
      { config: { access: "authenticated" }, schema: { operationId: "listUserOidcIdentities", summary: "The SSO identities linked to a user (administrators)", tags: ["users"], params: UserIdParams, response: { 200: StaffOidcIdentityList } } },
      async (req) => {
        if (!isAdministrator(req.auth!.actor)) throw new AppError(403, "forbidden", "only administrators see another user's SSO links");
        return present(await staffOidcIdentitiesOf(db, req.params.id));
      },
    );
    app.post(
      "/api/users/:id/oidc-identities/unlink",
      { config: { access: "authenticated" }, schema: { operationId: "unlinkUserOidcIdentity", summary: "Unlink a user's SSO identity (administrators; 404 when not linked)", tags: ["users"], params: UserIdParams, body: UnlinkUserBody, response: { 204: z.null() } } },
      async (req, reply) => {
        if (!isAdministrator(req.auth!.actor)) throw new AppError(403, "forbidden", "only administrators unlink another user's SSO identity");
        if (!(await unlinkStaffOidcIdentity(db, auditContextOf(req), { userId: req.params.id, issuer: req.body.issuer, subject: req.body.subject, byAdministrator: true }))) throw notFound("oidc_identity");
        return reply.status(204).send(null);
      },
    );
  };
