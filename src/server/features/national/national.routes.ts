import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../context";
import { AppError } from "../../errors";
import { nationalScope } from "../../policies/cockpit.policy";
import { externallyAssignedAgencies } from "../../../db/queries/dashboards";
import { filterPublished, snapshotAt } from "../../../db/queries/published-snapshot";
import { generationOf, PUBLISHED_SCOPE } from "../../../db/queries/cache-generations";
import { cacheCharsFromEnv, ResponseCache } from "../../cache/response-cache";
import { sendJson } from "../../cache/send-json";
import { presentNational } from "./national.presenter";
import { NationalQuery, NationalResponse } from "./national.schema";

/** The national view (issue #7): every agency of a year with filters, distribution and averages by category. */
export const nationalRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;
    const nationalCache = new ResponseCache(cacheCharsFromEnv());
    app.get(
      "/api/national",
      { config: { access: "authenticated" }, schema: { summary: "National view of a year's published results", tags: ["dashboards"], querystring: NationalQuery, response: { 200: NationalResponse } } },
      async (req, reply) => {
        const scope = nationalScope(req.auth!.actor);
        if (!scope) throw new AppError(403, "forbidden", "the national view is for administrators, the review team and external assessors");
        const filters = { category: req.query.category ?? null, province: req.query.province ?? null, predicate: req.query.predicate ?? null };
        // The counter first, then the data it guards (see generationOf).
        const generation = await generationOf(db, PUBLISHED_SCOPE);
        // Everyone who sees all agencies gets the same body: cached, serialised once per change of the results.
        const key = JSON.stringify([new Date().getUTCFullYear(), req.query]);
        const hit = scope === "all" ? nationalCache.get(key, generation) : undefined;
        if (hit) return sendJson(reply, hit);
        const { years, byYear } = await snapshotAt(db, generation);
        const year = req.query.year ?? years[0] ?? new Date().getUTCFullYear();
        const agencyIds = scope === "assigned" ? await externallyAssignedAgencies(db, req.auth!.user.id) : undefined;
        const rows = filterPublished(byYear.get(year) ?? [], { agencyIds, provinceCode: req.query.province, category: req.query.category, predicate: req.query.predicate });
        const body = JSON.stringify(presentNational(rows, { year, years, scope, filters }));
        if (scope === "all") nationalCache.set(key, generation, body);
        return sendJson(reply, body);
      },
    );
  };
