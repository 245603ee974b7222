import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context";
import { AppError, notFound } from "../../errors";
import { originOf } from "../../public-origin";
import { auditContextOf } from "../../request-audit";
import { enqueueDocumentJob } from "../../../db/commands/document-jobs";
import { documentJobOf, documentJobResult } from "../../../db/queries/official-documents";
import type { DocumentJobParams } from "../../../db/schema";
import { contentDisposition } from "../evidence/content-disposition";
import { loadReadableAssessment } from "../assessments/load-assessment";
import { AssessmentParams } from "../assessments/assessments.schema";
import { loadReadableProvince } from "../cockpit/load-cockpit";
import { ProvinceParams } from "../cockpit/cockpit.schema";
import type { DocumentJobQueue } from "./document-job-queue";
import { produceLhe, produceProvinceSummary, type ProducedDocument } from "./official-reports";

const SummaryQuery = z.object({ year: z.coerce.number().int().min(2018).max(2100) });

const JobBody = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("lhe"), assessmentId: z.number().int().positive() }),
  z.object({ kind: z.literal("province-summary"), province: z.string().regex(/^\d{2}$/, "a two-digit province code, e.g. 15"), year: z.number().int().min(2018).max(2100) }),
]);
const JobParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
const JobAccepted = z.object({ jobId: z.string() });
export const DocumentJobResponse = z.object({
  id: z.string(),
  kind: z.enum(["lhe", "province-summary"]),
  status: z.enum(["queued", "running", "done", "failed"]),
  /** 0–100. */
  progress: z.number(),
  /** The error code of a failed job (translated by the web like any error code). */
  error: z.string().nullable(),
  /** Once done: the issued document's public id (for /verifikasi/<id>) and the download address. */
  documentId: z.string().nullable(),
  downloadUrl: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

/** A produced PDF as a download. */
function sendPdf(reply: FastifyReply, produced: { pdf: Buffer; fileName: string; documentId: string }) {
  return reply
    .header("content-type", "application/pdf")
    .header("content-disposition", contentDisposition("attachment", produced.fileName))
    .header("x-content-type-options", "nosniff")
    .header("cache-control", "private, no-store")
    .header("x-document-id", produced.documentId)
    .send(produced.pdf);
}

/**
 * The Laporan Hasil Evaluasi and the province summary as PDFs, directly (synchronous) or as
 * background jobs with progress. Who reads: the LHE, whoever reads the assessment's final result
 * (404 otherwise, 409 `not_final` before it is final); the summary, whoever opens the province's
 * cockpit (the Koordinator Provinsi, the province's Pimpinan, administrators and the Tim Reviu; 404
 * otherwise). A job is its requester's alone, and its file is given only while they still may read it.
 */
export const officialReportRoutes = (ctx: AppContext, queue: DocumentJobQueue): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;

    /** Checks that the caller may have the document now (404 / 409 as the direct routes answer). */
    const authorize = async (req: FastifyRequest, params: DocumentJobParams) => {
      if (params.kind === "lhe") {
        const { found } = await loadReadableAssessment(db, req, params.assessmentId);
        if (found.assessment.stage !== "final") throw new AppError(409, "not_final", "the evaluation report exists once the assessment is final");
      } else {
        await loadReadableProvince(db, req.auth!.actor, params.province);
      }
    };
    const produce = (req: FastifyRequest, params: DocumentJobParams): Promise<ProducedDocument> => {
      const input = { origin: originOf(ctx, req), audit: auditContextOf(req) };
      return params.kind === "lhe" ? produceLhe(ctx, { ...input, assessmentId: params.assessmentId }) : produceProvinceSummary(ctx, { ...input, province: params.province, year: params.year });
    };

    app.get(
      "/api/assessments/:id/lhe.pdf",
      {
        config: { access: "authenticated" },
        schema: {
          operationId: "getEvaluationReportPdf",
          summary: "The Laporan Hasil Evaluasi (PDF) of a final assessment",
          description:
            "409 not_final before the assessment is final. The first download issues the document (a number, a public id for /verifikasi/<id>, " +
            "the SHA-256 of the bytes); the same contents give the same bytes afterwards. `X-Document-Id` names the id. Long reports: POST /api/documents/jobs.",
          tags: ["documents"],
          params: AssessmentParams,
        },
      },
      async (req, reply) => {
        const params = { kind: "lhe" as const, assessmentId: req.params.id };
        await authorize(req, params);
        return sendPdf(reply, await produce(req, params));
      },
    );

    app.get(
      "/api/provinces/:code/summary.pdf",
      {
        config: { access: "authenticated" },
        schema: {
          operationId: "getProvinceSummaryPdf",
          summary: "The summary of a province and its kab/kota for a year (PDF): index, predicate, change, per-aspect values, counts by predicate",
          description: "409 no_published_results for a year without published results in the province. Issued and verifiable like the other official documents.",
          tags: ["documents"],
          params: ProvinceParams,
          querystring: SummaryQuery,
        },
      },
      async (req, reply) => {
        const params = { kind: "province-summary" as const, province: req.params.code, year: req.query.year };
        await authorize(req, params);
        return sendPdf(reply, await produce(req, params));
      },
    );

    app.post(
      "/api/documents/jobs",
      {
        config: { access: "authenticated" },
        schema: {
          operationId: "createDocumentJob",
          summary: "Produce an LHE or a province summary in the background; poll GET /api/documents/jobs/{id} for progress",
          tags: ["documents"],
          body: JobBody,
          response: { 202: JobAccepted },
        },
      },
      async (req, reply) => {
        const params: DocumentJobParams = req.body;
        await authorize(req, params);
        const jobId = await enqueueDocumentJob(db, { params, userId: req.auth!.user.id, audit: auditContextOf(req), origin: originOf(ctx, req) });
        queue.wake();
        return reply.status(202).send({ jobId });
      },
    );

    app.get(
      "/api/documents/jobs/:id",
      {
        config: { access: "authenticated" },
        schema: { operationId: "getDocumentJob", summary: "A document job's status and progress (only its requester sees it)", tags: ["documents"], params: JobParams, response: { 200: DocumentJobResponse } },
      },
      async (req, reply) => {
        const job = await documentJobOf(db, req.params.id, req.auth!.user.id);
        if (!job) throw notFound("document_job");
        reply.header("cache-control", "private, no-store");
        return {
          id: job.id,
          kind: job.params.kind,
          status: job.status,
          progress: job.progress,
          error: job.error,
          documentId: job.status === "done" ? job.documentId : null,
          downloadUrl: job.status === "done" ? `/api/documents/jobs/${job.id}/file` : null,
          createdAt: job.createdAt.toISOString(),
          finishedAt: job.finishedAt?.toISOString() ?? null,
        };
      },
    );

    app.get(
      "/api/documents/jobs/:id/file",
      {
        config: { access: "authenticated" },
        schema: { operationId: "getDocumentJobFile", summary: "The PDF a finished document job produced (409 job_not_done before)", tags: ["documents"], params: JobParams },
      },
      async (req, reply) => {
        const job = await documentJobOf(db, req.params.id, req.auth!.user.id);
        if (!job) throw notFound("document_job");
        if (job.status !== "done") throw new AppError(409, "job_not_done", "the document is not ready", { status: job.status });
        await authorize(req, job.params);
        const done = await documentJobResult(db, job.id, req.auth!.user.id);
        if (!done?.result || !done.documentId) throw new AppError(409, "job_not_done", "the document is not ready", { status: job.status });
        return sendPdf(reply, { pdf: done.result, fileName: done.fileName ?? "dokumen.pdf", documentId: done.documentId });
      },
    );
  };
