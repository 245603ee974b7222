import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context";
import { endCitizenSession, requireCitizen } from "../../citizens/citizen-auth";
import { exportCitizenData } from "../../citizens/citizen-export";
import { updateCitizenProfile } from "../../../db/commands/citizens";
import { AppError } from "../../errors";

const citizenMeShape = {
  citizen: z.object({ id: z.string().uuid(), email: z.string().nullable(), name: z.string().nullable(), phone: z.string().nullable(), language: z.string() }),
  /** Send it as X-CSRF-Token on every write of the citizen's session. */
  csrfToken: z.string(),
  /** How the citizen signed in: `email_code` or `oidc`. */
  method: z.string(),
};
export const CitizenMe = z.object(citizenMeShape);

export const CitizenProfileBody = z
  .object({
    name: z.string().trim().max(200).nullable().optional(),
    phone: z
      .string()
      .trim()
      .max(30)
      .regex(/^(\+?[0-9][0-9 ()-]{5,28})?$/, "a phone number: digits, spaces, +, -, parentheses")
      .nullable()
      .optional(),
  });

/** The signed-in citizen and signing out; the ways of signing in live beside this file. */
export const citizenSessionRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/citizen/me",
      { config: { access: "citizen" }, schema: { summary: "The signed-in citizen", tags: ["citizens"], response: { 200: CitizenMe } } },
      async (req) => {
        const c = requireCitizen(req);
        return { citizen: { id: c.id, email: c.email, name: c.name, phone: c.phone, language: c.language }, csrfToken: req.citizenAuth!.csrfToken, method: req.citizenAuth!.method };
      },
    );
    // A probe every page may make (the SPA's useCitizen): being signed out is an answer here, not a 401 in the console.
    app.get(
      "/api/citizen/session",
      { config: { access: "public" }, schema: { summary: "The signed-in citizen as GET /api/citizen/me, or { citizen: null }", tags: ["citizens"], response: { 200: z.union([z.object(citizenMeShape), z.object({ citizen: z.null() })]) } } },
      async (req) => {
        const a = req.citizenAuth;
        if (!a) return { citizen: null };
        const c = a.citizen;
        return { citizen: { id: c.id, email: c.email, name: c.name, phone: c.phone, language: c.language }, csrfToken: a.csrfToken, method: a.method };
      },
    );
    app.patch(
      "/api/citizen/me",
      { config: { access: "citizen" }, schema: { summary: "The citizen edits their name and phone", tags: ["citizens"], body: CitizenProfileBody, response: { 200: CitizenMe } } },
      async (req) => {
        const c = requireCitizen(req);
        const blankToNull = (v: string | null | undefined) => (v === undefined ? undefined : v === null || v === "" ? null : v);
        const row = await updateCitizenProfile(ctx.database.db, c.id, { name: blankToNull(req.body.name), phone: blankToNull(req.body.phone) });
        if (!row) throw new AppError(401, "citizen_sign_in_required", "sign in as a citizen first");
        return { citizen: { id: row.id, email: row.email, name: row.name, phone: row.phone, language: row.language }, csrfToken: req.citizenAuth!.csrfToken, method: req.citizenAuth!.method };
      },
    );
    app.get(
      "/api/citizen/me/export",
      {
        config: { access: "citizen" },
        schema: { summary: "Everything Pandu holds about the signed-in citizen, as JSON (UU 27/2022)", tags: ["citizens"], response: { 200: z.record(z.string(), z.unknown()) } },
      },
      async (req, reply) => {
        const c = requireCitizen(req);
        const at = (ctx.auth.now ?? (() => new Date()))();
        reply.header("content-disposition", `attachment; filename="data-saya-pandu-${at.toISOString().slice(0, 10)}.json"`);
        reply.header("cache-control", "no-store");
        return exportCitizenData(ctx, c, at);
      },
    );
    app.post(
      "/api/citizen/sign-out",
      { config: { access: "citizen" }, schema: { summary: "Sign the citizen out (this session)", tags: ["citizens"], response: { 204: z.null() } } },
      async (req, reply) => {
        await endCitizenSession(ctx.database, req, reply);
        return reply.status(204).send(null);
      },
    );
  };
