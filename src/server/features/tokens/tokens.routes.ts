import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context";
import { AppError, notFound } from "../../errors";
import { auditContextOf } from "../../request-audit";
import { createApiToken, listApiTokens, revokeApiToken } from "../../../db/commands/api-tokens";
import { presentToken } from "./token.presenter";
import { CreateTokenBody, TokenIdParams, TokenResponse } from "./tokens.schema";

/** Each user manages their own API tokens; another user's token id answers 404. */
export const tokenRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;
    app.get(
      "/api/tokens",
      { config: { access: "authenticated" }, schema: { summary: "My API tokens", tags: ["tokens"], response: { 200: z.object({ tokens: z.array(TokenResponse) }) } } },
      async (req) => ({ tokens: (await listApiTokens(db, req.auth!.user.id)).map(presentToken) }),
    );
    app.post(
      "/api/tokens",
      {
        config: { access: "authenticated" },
        schema: { summary: "Create an API token (the token is shown once)", tags: ["tokens"], body: CreateTokenBody, response: { 201: TokenResponse.extend({ token: z.string() }) } },
      },
      async (req, reply) => {
        // A token can never carry more than the credential that creates it.
        if (req.auth!.via === "token") throw new AppError(403, "forbidden", "API tokens cannot create API tokens; sign in");
        const t = await createApiToken(db, auditContextOf(req), { userId: req.auth!.user.id, ...req.body });
        return reply.status(201).send({ id: t.id, name: t.name, scope: t.scope, expiresAt: t.expiresAt.toISOString(), lastUsedAt: null, revoked: false, createdAt: new Date().toISOString(), token: t.token });
      },
    );
    app.delete(
      "/api/tokens/:id",
      { config: { access: "authenticated" }, schema: { summary: "Revoke one of my API tokens", tags: ["tokens"], params: TokenIdParams, response: { 204: z.null() } } },
      async (req, reply) => {
        if (!(await revokeApiToken(db, auditContextOf(req), { userId: req.auth!.user.id, tokenId: req.params.id }))) throw notFound("token");
        return reply.status(204).send(null);
      },
    );
  };
