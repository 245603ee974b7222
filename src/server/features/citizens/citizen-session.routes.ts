import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context";
import { endCitizenSession, requireCitizen } from "../../citizens/citizen-auth";

export const CitizenMe = z
  .object({
    citizen: z.object({ id: z.string().uuid(), email: z.string().nullable(), name: z.string().nullable(), language: z.string() }),
    /** Send it as X-CSRF-Token on every write of the citizen's session. */
    csrfToken: z.string(),
    /** How the citizen signed in: `email_code` or `oidc`. */
    method: z.string(),
  })
  .meta({ id: "CitizenMe" });

/** The signed-in citizen and signing out; the ways of signing in live beside this file. */
export const citizenSessionRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/citizen/me",
      { config: { access: "citizen" }, schema: { summary: "The signed-in citizen", tags: ["citizens"], response: { 200: CitizenMe } } },
      async (req) => {
        const c = requireCitizen(req);
        return { citizen: { id: c.id, email: c.email, name: c.name, language: c.language }, csrfToken: req.citizenAuth!.csrfToken, method: req.citizenAuth!.method };
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
