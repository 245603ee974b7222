import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context";
import { DATABASE_RETRY_AFTER_S } from "../../database-unavailable";

const Checks = z.object({ database: z.enum(["up", "down"]) });
const HealthResponse = z.object({ status: z.literal("ok"), db: z.enum(["pglite", "postgres"]), version: z.string(), checks: Checks });
const UnhealthyResponse = z.object({
  status: z.literal("unavailable"),
  db: z.enum(["pglite", "postgres"]),
  version: z.string(),
  checks: Checks,
  error: z.literal("database_unavailable"),
  message: z.string(),
});

/**
 * Liveness and readiness in one: 200 when the database answers, 503 naming the failed check when
 * it does not answer within about 2 s (a stalled database must not hold the health check).
 */
export const healthRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/health",
      {
        config: { access: "public" },
        schema: { summary: "Server and database health", tags: ["system"], response: { 200: HealthResponse, 503: UnhealthyResponse } },
      },
      async (req, reply) => {
        const facts = { db: ctx.database.kind, version: ctx.version };
        try {
          await ctx.database.ping();
        } catch (err) {
          req.log.warn({ err }, "health check: the database did not answer");
          return reply
            .status(503)
            .header("retry-after", String(DATABASE_RETRY_AFTER_S))
            .send({ status: "unavailable" as const, ...facts, checks: { database: "down" as const }, error: "database_unavailable" as const, message: "the database did not answer" });
        }
        return { status: "ok" as const, ...facts, checks: { database: "up" as const } };
      },
    );
  };
