import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context";
import { listPublishedResults } from "../../../db/queries/official-results";
import { writeCsv } from "../../../lib/csv-write";
import { listPublishedYears } from "../../../db/queries/public-portal";
import { registerPublicCaching } from "./http-cache";
import { instrumentsOf, presentPublicResult, publicResultsCsv } from "./public-result.presenter";
import { publicPortalRoutes } from "./public-portal.routes";
import { publicResultsWorkbook, XLSX_TYPE } from "./public-results-xlsx";
import { openDataPackage } from "./datapackage";
import { originOf } from "../../public-origin";
import { PublicResultsDocument, PublicResultsQuery, PublicYears } from "./public-results.schema";

/** The JSON Schema of the open-data JSON file, derived from the same zod schema that serializes it. */
const RESULTS_JSON_SCHEMA = { ...z.toJSONSchema(PublicResultsDocument), $id: "/api/public/schema/results.json" };

/** Open data: only published results, no login, as JSON, CSV or XLSX; every answer carries an ETag. */
export const publicResultRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    registerPublicCaching(app, ctx);
    app.get(
      "/api/public/results",
      {
        config: { access: "public" },
        schema: {
          summary: "Published SPBE and Pemdi results (open data), as JSON or as a CSV, JSON or XLSX download (XLSX: one sheet per year)",
          tags: ["public"],
          querystring: PublicResultsQuery,
          response: { 200: z.union([PublicResultsDocument, z.string()]) },
        },
      },
      async (req, reply) => {
        const { year, province, agency, category, q, format, locale } = req.query;
        const rows = await listPublishedResults(ctx.database.db, { year, provinceCode: province, agencyCodes: agency ? [agency] : undefined, category, q });
        const results = rows.map(presentPublicResult);
        const instruments = instrumentsOf(results);
        if (format) {
          const name = `spbe-results${year ? `-${year}` : ""}${format === "csv" && locale ? `-${locale}` : ""}.${format}`;
          reply.header("content-disposition", `attachment; filename="${name}"`);
        }
        if (format === "csv") {
          reply.header("content-type", "text/csv; charset=utf-8");
          // For an Indonesian-locale spreadsheet: BOM, semicolons, decimal commas (docs/open-data.md).
          if (locale === "id") return publicResultsCsv(results, instruments, (r) => writeCsv(r, { delimiter: ";", bom: true }), ",");
          return publicResultsCsv(results, instruments, writeCsv);
        }
        if (format === "xlsx") {
          reply.header("content-type", XLSX_TYPE);
          // Built once per change of the published data and then served from memory (http-cache.ts).
          // Fastify sends a Buffer as it is, never through the response schema (a binary string here).
          const workbook: Buffer = await publicResultsWorkbook(results, year);
          return reply.send(workbook as unknown as string);
        }
        return { results, instruments };
      },
    );
    app.get(
      "/api/public/years",
      {
        config: { access: "public" },
        schema: { summary: "Years with published results and how many instansi each", tags: ["public"], response: { 200: PublicYears } },
      },
      async () => ({ years: await listPublishedYears(ctx.database.db) }),
    );
    app.get(
      "/api/public/schema/results.json",
      {
        config: { access: "public" },
        schema: { summary: "JSON Schema of the open-data JSON file", tags: ["public"], response: { 200: z.record(z.string(), z.unknown()) } },
      },
      async (_req, reply) => {
        reply.header("content-type", "application/schema+json; charset=utf-8").header("cache-control", "public, max-age=3600");
        return RESULTS_JSON_SCHEMA;
      },
    );
    app.get(
      "/api/public/datapackage.json",
      {
        config: { access: "public" },
        schema: {
          summary: "Frictionless Data Package of the open data: title, publisher, licence, period and, per year, the CSV, XLSX and JSON files with the table schema of their fields",
          tags: ["public"],
          response: { 200: z.record(z.string(), z.unknown()) },
        },
      },
      async (req) => {
        const rows = await listPublishedResults(ctx.database.db, {});
        return openDataPackage(rows.map(presentPublicResult), originOf(ctx, req));
      },
    );
    await app.register(publicPortalRoutes(ctx));
  };
