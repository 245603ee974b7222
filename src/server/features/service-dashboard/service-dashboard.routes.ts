import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { FastifyRequest } from "fastify";
import { calendarDayAt } from "../../../core";
import type { AppContext } from "../../context";
import { AppError, notFound } from "../../errors";
import { findAgencyByCode } from "../../../db/queries/agencies";
import { canReadProvinceServiceDashboard, canReadServiceDashboard, canSaveServiceEvidence } from "../../policies/service-dashboard.policy";
import { AgencyCodeParams } from "../agencies/agencies.schema";
import { dashboardWorkbook } from "./dashboard-export";
import { saveAsEvidence } from "./evidence-targets";
import { loadServiceDashboard } from "./load-service-dashboard";
import { DashboardQuery, SaveDashboardEvidenceBody, SavedEvidence, ServiceDashboard } from "./service-dashboard.schema";

/** The title of a dashboard saved as evidence. */
export const dashboardEvidenceTitle = (year: number) => `Bukti dari Pandu: Kepuasan dan pengaduan layanan ${year}`;

/**
 * The service dashboard ("Dasbor layanan publik") of an agency — and for a province, to those who
 * read its cockpit, of the province with its kab/kota — and "Simpan sebagai bukti", which stores the
 * dashboard's tables as a workbook in the agency's evidence library and links it to the user-support and
 * satisfaction indicators of its current assessment.
 */
export const serviceDashboardRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;
    const now = () => ctx.auth.now?.() ?? new Date();
    const readable = async (req: FastifyRequest, code: string) => {
      const agency = await findAgencyByCode(db, code);
      if (!agency || !canReadServiceDashboard(req.auth!.actor, agency.id)) throw notFound("agency");
      return agency;
    };
    const load = (req: FastifyRequest, agency: NonNullable<Awaited<ReturnType<typeof findAgencyByCode>>>, year: number, granularity: "quarter" | "month", at: Date) =>
      loadServiceDashboard(ctx, agency, { year, granularity, now: at, province: agency.category === "provinsi" && canReadProvinceServiceDashboard(req.auth!.actor, agency.id) });

    app.get(
      "/api/agencies/:code/service-dashboard",
      {
        config: { access: "authenticated" },
        schema: {
          operationId: "getServiceDashboard",
          summary: "Service dashboard for a year: SKM volume and IKM, complaints (SLA compliance, backlog), applications, per service and unit, with a trend",
          description: "For a province, those who read its cockpit also get the province with its kab/kota pooled and per agency. Surveys pool their counts (never IKMs averaged); complaints count as kept when every state deadline in working days was kept.",
          tags: ["service-dashboard"],
          params: AgencyCodeParams,
          querystring: DashboardQuery,
          response: { 200: ServiceDashboard },
        },
      },
      async (req) => {
        const agency = await readable(req, req.params.code);
        const at = now();
        const data = await load(req, agency, req.query.year ?? Number(calendarDayAt(at.getTime()).slice(0, 4)), req.query.granularity, at);
        return { ...data, abilities: { saveAsEvidence: canSaveServiceEvidence(req.auth!.actor, agency.id) } };
      },
    );

    app.post(
      "/api/agencies/:code/service-dashboard/evidence",
      {
        config: { access: "authenticated" },
        schema: {
          operationId: "saveServiceDashboardEvidence",
          summary: "Simpan sebagai bukti: store the year's dashboard tables (XLSX) in the agency's evidence library and link them to the current assessment's service indicators",
          description: "Deduplicated like an upload (the same figures on the same day answer the existing evidence). Linked where the open stage lets the caller link; otherwise kept in the library only (`notLinked`).",
          tags: ["service-dashboard"],
          params: AgencyCodeParams,
          body: SaveDashboardEvidenceBody,
          response: { 200: SavedEvidence, 201: SavedEvidence },
        },
      },
      async (req, reply) => {
        const agency = await readable(req, req.params.code);
        if (!canSaveServiceEvidence(req.auth!.actor, agency.id)) throw new AppError(403, "forbidden", "only those who upload the agency's evidence save it as evidence");
        const at = now();
        const data = await load(req, agency, req.body.year, "quarter", at);
        const title = dashboardEvidenceTitle(req.body.year);
        const file = { agencyId: agency.id, agencyCode: agency.code, content: await dashboardWorkbook(data), fileName: `dasbor-layanan-${agency.code}-${req.body.year}-${data.asOf}.xlsx`, title, documentDate: data.asOf };
        const out = await saveAsEvidence(ctx, req, file, ["satisfaction", "applications"]);
        return reply.status(out.status).send(out.body);
      },
    );
  };
