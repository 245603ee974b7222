import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import type { AppContext } from "../../context";
import { listPublishedResults } from "../../../db/queries/official-results";
import { presentPublicResult, publicResultsCsv } from "./public-result.presenter";
import { PublicResult, PublicResultsQuery } from "./public-results.schema";

/** Open data: only published results, no login, as JSON or CSV. */
export const publicResultRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/public/results",
      {
        config: { access: "public" },
        schema: {
          summary: "Published SPBE results (open data)",
          tags: ["public"],
          querystring: PublicResultsQuery,
          response: { 200: z.union([z.object({ results: z.array(PublicResult) }), z.string()]) },
        },
      },
      async (req, reply) => {
        const rows = await listPublishedResults(ctx.database.db, {
          year: req.query.year,
          provinceCode: req.query.province,
          agencyCodes: req.query.agency ? [req.query.agency] : undefined,
        });
        const results = rows.map(presentPublicResult);
        reply.header("cache-control", "public, max-age=300");
        if (req.query.format === "csv") {
          const name = `spbe-results${req.query.year ? `-${req.query.year}` : ""}.csv`;
          reply.header("content-type", "text/csv; charset=utf-8").header("content-disposition", `attachment; filename="${name}"`);
          return publicResultsCsv(results, (records) => stringify(records));
        }
        return { results };
      },
    );
  };
