import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { AppContext } from "../../context";

const HealthResponse = z.object({ status: z.literal("ok"), db: z.enum(["pglite", "postgres"]), version: z.string() });

/** Liveness and readiness in one: answers only when the database answers. */
export const healthRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/health",
      { config: { access: "public" }, schema: { summary: "Server and database health", tags: ["system"], response: { 200: HealthResponse } } },
      async () => {
        await ctx.database.db.execute(sql`select 1`);
        return { status: "ok" as const, db: ctx.database.kind, version: ctx.version };
      },
    );
  };
