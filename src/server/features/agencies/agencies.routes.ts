import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context";
import { notFound } from "../../errors";
import { findAgencyByCode, listAgencies } from "../../../db/queries/agencies";
import { presentAgency } from "./agency.presenter";
import { AgencyCodeParams, AgencyResponse, ListAgenciesQuery } from "./agencies.schema";

/** The agency register is public master data (names and official region codes). */
export const agencyRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/agencies",
      {
        config: { access: "public" },
        schema: { summary: "List agencies (instansi)", tags: ["agencies"], querystring: ListAgenciesQuery, response: { 200: z.object({ agencies: z.array(AgencyResponse) }) } },
      },
      async (req) => {
        const rows = await listAgencies(ctx.database.db, { category: req.query.category, provinceCode: req.query.province, q: req.query.q });
        return { agencies: rows.map(presentAgency) };
      },
    );
    app.get(
      "/api/agencies/:code",
      { config: { access: "public" }, schema: { summary: "One agency", tags: ["agencies"], params: AgencyCodeParams, response: { 200: AgencyResponse } } },
      async (req) => {
        const row = await findAgencyByCode(ctx.database.db, req.params.code);
        if (!row) throw notFound("agency");
        return presentAgency(row);
      },
    );
  };
