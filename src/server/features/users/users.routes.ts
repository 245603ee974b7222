import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { hasRole, isAdministrator, roleNeedsAgency, type Role } from "../../../core";
import type { AppContext } from "../../context";
import { AppError, notFound, invalidField } from "../../errors";
import { auditContextOf } from "../../request-audit";
import { canActForUser, canGrantRole, canManageUsers, canSeeUser, grantableRoles, mayRevealLink, userAbilities } from "../../policies/user.policy";
import { listUsersWithRoles, type UserWithRoles } from "../../../db/queries/users";
import { agenciesByIds, agencyIdsByCode } from "../../../db/queries/agency-ids";
import { createUser, DuplicateEmailError, grantRole, revokeRole } from "../../../db/commands/users";
import { issueResetLink } from "../../../db/commands/one-time-links";
import { recordAudit } from "../../../db/audit/record-audit";
import { linkPath, presentGrantableRoles, presentUser } from "./user.presenter";
import { CreateUserBody, GrantableRole, LinkResponse, RoleInput, UserIdParams, UserResponse, UserRoleParams } from "./users.schema";
import { linkEmail } from "../../../lib/mailer";

const forbidden = () => new AppError(403, "forbidden", "you may not manage users");
const above = () => new AppError(403, "forbidden", "you may not act for a user who holds a role you could not grant");

/** User and role management: administrators everywhere, a Koordinator SPBE within their agency. */
export const userRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;

    /** Agencies whose users the caller manages, or undefined for all. */
    const managedAgencies = (req: FastifyRequest) => {
      const actor = req.auth!.actor;
      if (!canManageUsers(actor)) throw forbidden();
      return isAdministrator(actor) ? undefined : actor.grants.filter((g) => g.role === "koordinator_spbe").map((g) => g.agencyId!);
    };

    /** Loads a user the caller may see; anyone else is indistinguishable from a missing user. */
    const loadVisibleUser = async (req: FastifyRequest, id: number) => {
      managedAgencies(req);
      const [user] = await listUsersWithRoles(db, { userId: id });
      if (!user || !canSeeUser(req.auth!.actor, user.roles.map((r) => r.agencyId))) throw notFound("user");
      return user;
    };

    /** A visible user the caller may also act for (every role of theirs is one the caller could grant); else 403. */
    const loadActableUser = async (req: FastifyRequest, id: number) => {
      const user = await loadVisibleUser(req, id);
      if (!canActForUser(req.auth!.actor, user.roles)) throw above();
      return user;
    };

    const present = (req: FastifyRequest, u: UserWithRoles) => presentUser(u, userAbilities(req.auth!.actor, { grants: u.roles, hasPassword: u.hasPassword }, Boolean(ctx.mailer)));

    /** Resolves role inputs to agency ids and checks the caller may grant each. */
    const resolveRoles = async (req: FastifyRequest, roles: z.infer<typeof RoleInput>[]) => {
      const ids = await agencyIdsByCode(db, roles.flatMap((r) => (r.agencyCode ? [r.agencyCode] : [])));
      return roles.map((r, i) => {
        if (roleNeedsAgency(r.role) !== Boolean(r.agencyCode)) {
          throw roleNeedsAgency(r.role) ? invalidField("role_needs_agency", `roles[${i}].agencyCode`, `required for ${r.role}`, { role: r.role }) : invalidField("role_without_agency", `roles[${i}].agencyCode`, `not allowed for the national role ${r.role}`, { role: r.role });
        }
        const agencyId = r.agencyCode ? ids.get(r.agencyCode) : null;
        if (agencyId === undefined) throw invalidField("unknown_agency", `roles[${i}].agencyCode`, `no agency ${r.agencyCode}`, { agencies: [r.agencyCode] });
        if (!canGrantRole(req.auth!.actor, r.role as Role, agencyId)) throw new AppError(403, "role_not_grantable", `you may not grant ${r.role} there`, { role: r.role });
        return { role: r.role as Role, agencyId };
      });
    };

    /**
     * E-mails the link after commit when SMTP is configured; otherwise (or if sending fails) returns
     * it when `reveal` allows (`mayRevealLink`), else answers 503. A reset link shown after a failed
     * e-mail is audited as such (without SMTP the issuing event already says "shown").
     */
    const deliverLink = async (req: FastifyRequest, to: { id: number; email: string; name: string }, purpose: "invitation" | "reset", link: { token: string; expiresAt: Date }, reveal: boolean): Promise<LinkResponse> => {
      const shown: LinkResponse = { delivery: "shown", token: link.token, path: linkPath(link.token), expiresAt: link.expiresAt.toISOString() };
      if (!ctx.mailer) return shown;
      try {
        await ctx.mailer.send({ to: to.email, ...linkEmail(purpose, to.name, `${ctx.mailer.publicUrl}${linkPath(link.token)}`, link.expiresAt) });
        return { delivery: "email", expiresAt: link.expiresAt.toISOString() };
      } catch (e) {
        req.log.warn({ err: e }, reveal ? "could not e-mail the link; showing it instead" : "could not e-mail the link");
        if (!reveal) throw new AppError(503, "email_failed", "the link could not be e-mailed; try again later");
        if (purpose === "reset") {
          await db.transaction((tx) => recordAudit(tx, auditContextOf(req), { agencyId: null, action: "user.reset_link_shown", targetType: "user", targetId: to.id, after: { expiresAt: shown.expiresAt } }));
        }
        return shown;
      }
    };

    app.get(
      "/api/users",
      { config: { access: "authenticated" }, schema: { summary: "Users I manage", tags: ["users"], response: { 200: z.object({ users: z.array(UserResponse) }) } } },
      async (req) => ({ users: (await listUsersWithRoles(db, { agencyIds: managedAgencies(req) })).map((u) => present(req, u)) }),
    );

    app.get(
      "/api/users/grantable-roles",
      {
        config: { access: "authenticated" },
        schema: { summary: "The roles I may grant, and where (for the role pickers; every grant is still checked)", tags: ["users"], response: { 200: z.object({ roles: z.array(GrantableRole) }) } },
      },
      async (req) => {
        managedAgencies(req);
        const grantable = grantableRoles(req.auth!.actor);
        const ids = [...new Set(grantable.flatMap((g) => (Array.isArray(g.agencyIds) ? g.agencyIds : [])))];
        return { roles: presentGrantableRoles(grantable, await agenciesByIds(db, ids)) };
      },
    );

    app.post(
      "/api/users",
      {
        config: { access: "authenticated" },
        schema: { summary: "Create a user with roles and an invitation link", tags: ["users"], body: CreateUserBody, response: { 201: z.object({ user: UserResponse, invitation: LinkResponse.nullable() }) } },
      },
      async (req, reply) => {
        managedAgencies(req);
        const roles = await resolveRoles(req, req.body.roles);
        try {
          const created = await createUser(db, auditContextOf(req), { ...req.body, roles });
          const [user] = await listUsersWithRoles(db, { userId: created.id });
          const inv = created.invitation;
          return reply.status(201).send({ user: present(req, user!), invitation: inv ? await deliverLink(req, user!, "invitation", inv, mayRevealLink(req.auth!.actor, user!)) : null });
        } catch (e) {
          if (e instanceof DuplicateEmailError) throw new AppError(409, "email_taken", `email: ${req.body.email} is already registered`, { field: "email" });
          throw e;
        }
      },
    );

    app.post(
      "/api/users/:id/roles",
      { config: { access: "authenticated" }, schema: { summary: "Grant a role", tags: ["users"], params: UserIdParams, body: RoleInput, response: { 201: UserResponse } } },
      async (req, reply) => {
        const user = await loadActableUser(req, req.params.id);
        const [grant] = await resolveRoles(req, [req.body]);
        await grantRole(db, auditContextOf(req), { userId: user.id, ...grant! });
        const [updated] = await listUsersWithRoles(db, { userId: user.id });
        return reply.status(201).send(present(req, updated!));
      },
    );

    app.delete(
      "/api/users/:id/roles/:roleId",
      { config: { access: "authenticated" }, schema: { summary: "Revoke a role", tags: ["users"], params: UserRoleParams, response: { 204: z.null() } } },
      async (req, reply) => {
        const user = await loadActableUser(req, req.params.id);
        const grant = user.roles.find((r) => r.id === req.params.roleId);
        if (!grant) throw notFound("role");
        if (!canGrantRole(req.auth!.actor, grant.role as Role, grant.agencyId)) throw new AppError(403, "role_not_grantable", `you may not revoke ${grant.role}`, { role: grant.role });
        await revokeRole(db, auditContextOf(req), { id: grant.id, userId: user.id, role: grant.role, agencyId: grant.agencyId });
        return reply.status(204).send(null);
      },
    );

    app.post(
      "/api/users/:id/reset-link",
      {
        config: { access: "authenticated" },
        schema: {
          summary: "A one-time password reset link for a user I may act for: e-mailed, or shown only for an account without a password or to an Administrator (audited); the user is notified",
          tags: ["users"],
          params: UserIdParams,
          response: { 201: LinkResponse },
        },
      },
      async (req, reply) => {
        const actor = req.auth!.actor;
        const user = await loadActableUser(req, req.params.id);
        const reveal = mayRevealLink(actor, user);
        if (!ctx.mailer && !reveal) throw new AppError(409, "link_needs_email", "this account has a password: only an administrator may see its reset link, and e-mail (SMTP) is not configured");
        const agencyId = user.roles.find((r) => r.agencyId !== null && hasRole(actor, "koordinator_spbe", r.agencyId))?.agencyId ?? null;
        const link = await issueResetLink(db, auditContextOf(req), { userId: user.id, agencyId, delivery: ctx.mailer ? "email" : "shown", issuerName: req.auth!.user.name });
        return reply.status(201).send(await deliverLink(req, user, "reset", link, reveal));
      },
    );
  };
