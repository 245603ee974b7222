import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { calendarDayAt } from "../../../core";
import type { AppContext } from "../../context";
import { AppError, notFound } from "../../errors";
import { auditContextOf } from "../../request-audit";
import { originOf } from "../../public-origin";
import { canReadSurveys } from "../../policies/skm.policy";
import { canSaveServiceEvidence } from "../../policies/service-dashboard.policy";
import { agencyIdsByCode } from "../../../db/queries/agency-ids";
import { surveyById, type SurveyRow } from "../../../db/queries/skm";
import { contentDisposition } from "../evidence/content-disposition";
import { saveAsEvidence } from "../service-dashboard/evidence-targets";
import { SavedEvidence } from "../service-dashboard/service-dashboard.schema";
import { skmReportOf, skmReportPdf } from "./skm-report";
import { PublicSurveyParams, SkmMutu, SurveyParams } from "./skm.schema";

const SkmReportDocument = z.object({
  survey: z.object({ id: z.number(), title: z.string(), periodStart: z.string(), periodEnd: z.string(), status: z.string() }),
  agency: z.object({ code: z.string(), name: z.string() }),
  service: z.object({ id: z.number(), name: z.string() }),
  unit: z.string().nullable(),
  elements: z.array(z.object({ code: z.string(), name: z.string(), nrr: z.number().nullable(), nrrConverted: z.number().nullable() })),
  result: z.object({
    respondents: z.number(),
    population: z.number().nullable(),
    minimumRespondents: z.number().nullable(),
    enough: z.boolean().nullable(),
    ikm: z.number().nullable(),
    mutu: SkmMutu.nullable(),
    kinerja: z.string().nullable(),
    weakestElements: z.array(z.string()),
  }),
  followUps: z.array(z.object({ element: z.string(), elementName: z.string(), action: z.string(), owner: z.string().nullable(), due: z.string().nullable(), status: z.string() })),
});

/** The title of an SKM report saved as evidence. */
export const skmReportEvidenceTitle = (serviceName: string, year: string) => `Bukti dari Pandu: Laporan SKM ${serviceName} ${year}`;

/**
 * The published SKM report of a survey: the PDF with kop surat, number and verification QR (issued
 * once per content, kind `laporan-skm`), its open data (JSON, public like `/api/public/skm`), and
 * "Simpan sebagai bukti" of the PDF into the agency's evidence library. Drafts have no report (409).
 */
export const skmReportRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;
    const now = () => ctx.auth.now?.() ?? new Date();
    const published = (row: SurveyRow | undefined) => {
      if (!row) throw notFound("survey");
      if (row.status === "draft") throw new AppError(409, "survey_not_open", "a draft survey has no report yet", { periodStart: row.periodStart });
      return row;
    };
    const readable = async (req: FastifyRequest, code: string, surveyId: number) => {
      const id = (await agencyIdsByCode(db, [code])).get(code);
      if (id === undefined || !canReadSurveys(req.auth!.actor, id)) throw notFound("agency");
      return published(await surveyById(db, id, surveyId));
    };

    app.get(
      "/api/agencies/:code/surveys/:surveyId/report.pdf",
      {
        config: { access: "authenticated" },
        schema: {
          operationId: "getSkmReportPdf",
          summary: "The published SKM report (PDF): kop surat, number, NRR per element, IKM and mutu, respondents vs minimum, follow-up, signature block, verification QR",
          description: "The first download of a content issues the document (LAP-SKM); the same figures give the same bytes. 409 survey_not_open for a draft. `X-Document-Id` names the id.",
          tags: ["skm"],
          params: SurveyParams,
        },
      },
      async (req, reply) => {
        const row = await readable(req, req.params.code, req.params.surveyId);
        const r = await skmReportPdf(ctx, auditContextOf(req), row, originOf(ctx, req), now());
        return reply
          .header("content-type", "application/pdf")
          .header("content-disposition", contentDisposition("attachment", `laporan-skm-${row.id}.pdf`))
          .header("x-document-id", r.documentId)
          .send(r.pdf);
      },
    );

    app.post(
      "/api/agencies/:code/surveys/:surveyId/report/evidence",
      {
        config: { access: "authenticated" },
        schema: {
          operationId: "saveSkmReportEvidence",
          summary: "Simpan sebagai bukti: the survey's report PDF into the agency's evidence library, linked to the current assessment's satisfaction indicators",
          tags: ["skm"],
          params: SurveyParams,
          response: { 200: SavedEvidence, 201: SavedEvidence },
        },
      },
      async (req, reply) => {
        const row = await readable(req, req.params.code, req.params.surveyId);
        if (!canSaveServiceEvidence(req.auth!.actor, row.agencyId)) throw new AppError(403, "forbidden", "only those who upload the agency's evidence save it as evidence");
        const r = await skmReportPdf(ctx, auditContextOf(req), row, originOf(ctx, req), now());
        const title = skmReportEvidenceTitle(row.serviceName, row.periodStart.slice(0, 4));
        const file = { agencyId: row.agencyId, agencyCode: row.agencyCode, content: r.pdf, fileName: `laporan-skm-${row.id}.pdf`, title, documentDate: calendarDayAt(r.issuedAt.getTime()) };
        const out = await saveAsEvidence(ctx, req, file, ["satisfaction"]);
        return reply.status(out.status).send(out.body);
      },
    );

    app.get(
      "/api/public/skm/surveys/:id/report",
      {
        config: { access: "public" },
        schema: {
          operationId: "getPublicSkmReport",
          summary: "Open data of a published SKM report: NRR per element, IKM, mutu, respondents vs minimum, follow-up actions (404 for a draft)",
          tags: ["public"],
          params: PublicSurveyParams,
          response: { 200: SkmReportDocument },
        },
      },
      async (req) => {
        const row = await surveyById(db, null, req.params.id);
        if (!row || row.status === "draft") throw notFound("survey");
        return skmReportOf(ctx, row);
      },
    );
  };
