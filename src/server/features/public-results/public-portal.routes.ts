import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../context";
import { notFound } from "../../errors";
import { findAgencyByCode } from "../../../db/queries/agencies";
import { listPublishedResults } from "../../../db/queries/official-results";
import { categoryRanks, listPublishedYears } from "../../../db/queries/public-portal";
import { instrumentsOf, presentProvinceRows, presentPublicAgency } from "./public-result.presenter";
import { PublicAgency, PublicAgencyParams, PublicProvince, PublicProvinceParams, PublicProvinceQuery } from "./public-results.schema";

/** The portal's per-instansi and per-province views; published results only, no login. */
export const publicPortalRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = ctx.database.db;
    app.get(
      "/api/public/agencies/:code",
      {
        config: { access: "public" },
        schema: { summary: "One instansi: identity, published history and rank in its category", tags: ["public"], params: PublicAgencyParams, response: { 200: PublicAgency } },
      },
      async (req) => {
        const agency = await findAgencyByCode(db, req.params.code);
        if (!agency) throw notFound("agency");
        const rows = await listPublishedResults(db, { agencyCodes: [agency.code] });
        return presentPublicAgency(agency, rows, await categoryRanks(db, agency.code));
      },
    );
    app.get(
      "/api/public/provinces/:code",
      {
        config: { access: "public" },
        schema: {
          summary: "A province and its kabupaten/kota in one year (default: the latest), with the change since the year before",
          tags: ["public"],
          params: PublicProvinceParams,
          querystring: PublicProvinceQuery,
          response: { 200: PublicProvince },
        },
      },
      async (req) => {
        const province = await findAgencyByCode(db, req.params.code);
        if (!province || province.category !== "provinsi") throw notFound("province");
        const years = (await listPublishedYears(db, { provinceCode: province.code })).map((y) => y.year);
        const year = req.query.year ?? years.at(-1) ?? null;
        const current = year === null ? [] : await listPublishedResults(db, { provinceCode: province.code, year });
        const previous = year === null ? [] : await listPublishedResults(db, { provinceCode: province.code, year: year - 1 });
        const own = current.filter((r) => r.agencyCode === province.code);
        const regencies = current.filter((r) => r.agencyCode !== province.code);
        const provinceResult = presentProvinceRows(own, previous, false)[0] ?? null;
        const regencyRows = presentProvinceRows(regencies, previous, true);
        return {
          province: { code: province.code, name: province.name, regionName: province.regionName },
          years,
          year,
          // The year before counts only when it is of the same index family (no SPBE 2025 before Pemdi 2026).
          previousYear: year !== null && regencyRows.concat(provinceResult ?? []).some((r) => r.previousIndex !== null) ? year - 1 : null,
          provinceResult,
          regencies: regencyRows,
          instruments: instrumentsOf([...(provinceResult ? [provinceResult] : []), ...regencyRows]),
        };
      },
    );
  };
