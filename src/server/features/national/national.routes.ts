import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../context";
import { AppError } from "../../errors";
import { nationalScope } from "../../policies/cockpit.policy";
import { externallyAssignedAgencies } from "../../../db/queries/dashboards";
import { filterPublished, publishedSnapshot } from "../../../db/queries/published-snapshot";
import { presentNational } from "./national.presenter";
import { NationalQuery, NationalResponse } from "./national.schema";

/** The national view (issue #7): every agency of a year with filters, distribution and averages by category. */
export const nationalRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;
    app.get(
      "/api/national",
      { config: { access: "authenticated" }, schema: { summary: "National view of a year's published results", tags: ["dashboards"], querystring: NationalQuery, response: { 200: NationalResponse } } },
      async (req) => {
        const scope = nationalScope(req.auth!.actor);
        if (!scope) throw new AppError(403, "forbidden", "the national view is for administrators, the review team and external assessors");
        const { years, byYear } = await publishedSnapshot(db);
        const year = req.query.year ?? years[0] ?? new Date().getUTCFullYear();
        const agencyIds = scope === "assigned" ? await externallyAssignedAgencies(db, req.auth!.user.id) : undefined;
        const rows = filterPublished(byYear.get(year) ?? [], { agencyIds, provinceCode: req.query.province, category: req.query.category, predicate: req.query.predicate });
        return presentNational(rows, {
          year,
          years,
          scope,
          filters: { category: req.query.category ?? null, province: req.query.province ?? null, predicate: req.query.predicate ?? null },
        });
      },
    );
  };
