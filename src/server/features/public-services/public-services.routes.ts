import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context";
import { notFound } from "../../errors";
import { SERVICES_SCOPE } from "../../../db/queries/cache-generations";
import { listPublicServices } from "../../../db/queries/public-services";
import { registerPublicCaching } from "../public-results/http-cache";
import { presentPublicService, publicServicesCsv } from "./public-services.presenter";
import { PublicService, PublicServiceParams, PublicServicesDocument, PublicServicesQuery } from "./public-services.schema";

/**
 * The public service catalogue (open data, no login): services whose standard is in force, with
 * only the six service-delivery components, as JSON or CSV. Cached like the published results, per
 * change of the catalogue's own counter (`services`), with `Access-Control-Allow-Origin: *`.
 */
export const publicServiceRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    registerPublicCaching(app, ctx, SERVICES_SCOPE);
    const db = ctx.database.db;
    app.get(
      "/api/public/services",
      {
        config: { access: "public" },
        schema: {
          operationId: "listPublicServices",
          summary: "The public service catalogue (Standar Pelayanan in force, the six public components), as JSON or a CSV download",
          tags: ["public"],
          querystring: PublicServicesQuery,
          response: { 200: z.union([PublicServicesDocument, z.string()]) },
        },
      },
      async (req, reply) => {
        const { province, agency, q, sector, channel, format } = req.query;
        const services = (await listPublicServices(db, { provinceCode: province, agencyCode: agency, q, sector, channel })).map(presentPublicService);
        if (format === "csv") {
          reply.header("content-type", "text/csv; charset=utf-8").header("content-disposition", `attachment; filename="layanan-publik${province ? `-${province}` : ""}.csv"`);
          return publicServicesCsv(services);
        }
        return { services };
      },
    );
    app.get(
      "/api/public/services/:id",
      {
        config: { access: "public" },
        schema: { operationId: "getPublicService", summary: "One service of the public catalogue (404 unless its standard is in force)", tags: ["public"], params: PublicServiceParams, response: { 200: PublicService } },
      },
      async (req) => {
        const [row] = await listPublicServices(db, { id: req.params.id });
        if (!row) throw notFound("service");
        return presentPublicService(row);
      },
    );
  };
