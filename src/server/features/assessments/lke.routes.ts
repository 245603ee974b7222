import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { readBufferedFile } from "../../multipart-file";
import multipart from "@fastify/multipart";
import { z } from "zod";
import { stagesFor, type PeriodKind, type Stage } from "../../../core";
import type { AppContext } from "../../context";
import { AppError } from "../../errors";
import { auditContextOf } from "../../request-audit";
import { canAnswer } from "../../policies/assessment.policy";
import { assertStageWindowOpen } from "../stage-schedule/stage-window";
import { lkeWorkbookModel } from "../../../db/queries/lke-export";
import { importLke } from "../../../db/commands/import-lke";
import { LKE_MAX_UPLOAD_BYTES, LkeWorkbookError, readLkeWorkbook, writeLkeWorkbook, XLSX_MEDIA_TYPE } from "../../../lib/lke-workbook";
import { loadReadableAssessment } from "./load-assessment";
import { AssessmentParams } from "./assessment-params.schema";

/** One problem of an imported workbook, where a spreadsheet shows it. */
export const LkeProblem = z.object({
  sheet: z.string(),
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  code: z.enum(["missing_sheet", "not_lke_workbook", "wrong_assessment", "wrong_instrument", "stage_closed", "missing_column", "level_not_number", "level_out_of_range", "unknown_indicator", "duplicate_indicator", "explanation_too_long", "invalid_text"]),
  message: z.string(),
});

export const LkeImportResponse = z.object({
  /** Indicators whose answer the import changed (each a new answer version). */
  changed: z.array(z.string()),
  /** Indicator rows read from the workbook (external-score indicators are skipped). */
  rows: z.number().int(),
});

/**
 * The LKE worksheet round-trip (issue #17): the assessment as an Excel workbook to fill offline and
 * its import back into the open stage. Export: whoever may read the assessment. Import: whoever may
 * answer in the open stage (the PUT answer policy), all rows or none.
 */
export const lkeRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;
    await app.register(multipart, { limits: { fileSize: LKE_MAX_UPLOAD_BYTES, files: 1, fields: 2, fieldSize: 1024, parts: 3, headerPairs: 50 } });

    app.get(
      "/api/assessments/:id/lke.xlsx",
      {
        config: { access: "authenticated" },
        schema: {
          summary: "The assessment's LKE worksheet as an Excel workbook (a download)",
          description: "One row per indicator with the levels of the stages so far, the open stage's level (a drop-down) and explanation, and the evidence titles; a read-only criteria sheet; a hidden sheet with the workbook's identity and answer versions, which the import checks.",
          tags: ["evaluation"],
          params: AssessmentParams,
          response: { 200: z.string().meta({ description: "the .xlsx workbook" }) },
        },
      },
      async (req, reply) => {
        const { found, compiled } = await loadReadableAssessment(db, req, req.params.id);
        const model = await lkeWorkbookModel(db, found, compiled, new Date());
        const workbook = await writeLkeWorkbook(model);
        const fileName = `lke-${found.agencyCode}-${found.period.year}-${found.assessment.id}-${model.meta.stage}.xlsx`;
        reply.header("content-type", XLSX_MEDIA_TYPE).header("content-disposition", `attachment; filename="${fileName}"`).header("cache-control", "private, no-store");
        // Fastify sends a Buffer as it is, never through the response schema.
        return reply.send(workbook as unknown as string);
      },
    );

    app.post(
      "/api/assessments/:id/lke",
      {
        config: { access: "authenticated" },
        schema: {
          summary: "Import a filled LKE workbook into the open stage (multipart, field `file`); all rows or none",
          description:
            "400 workbook_unreadable (not an .xlsx), workbook_too_large (file above 10 MB, or more than 1000 ZIP entries / 50 MB decompressed), " +
            "workbook_invalid with details.problems (sheet, row, column, code) for every problem found; 409 answers_changed with details.indicators when an answer changed since the export; " +
            "only rows whose level or explanation differ are written, each as a new answer version.",
          tags: ["evaluation"],
          params: AssessmentParams,
          consumes: ["multipart/form-data"],
          response: { 200: LkeImportResponse },
        },
      },
      async (req, reply) => {
        const { found, compiled, scope } = await loadReadableAssessment(db, req, req.params.id);
        const actor = req.auth!.actor;
        const stage = found.assessment.stage as Stage;
        if (!canAnswer(actor, scope, stage)) throw new AppError(403, "forbidden", "you may not answer in this stage", { stage });
        assertStageWindowOpen(found.period.schedule, stage);
        if (!req.isMultipart()) throw new AppError(415, "unsupported_media_type", "send the workbook as multipart/form-data (field file)");
        const part = await readBufferedFile(req, reply, () => new AppError(400, "workbook_too_large", `file: larger than ${LKE_MAX_UPLOAD_BYTES / (1024 * 1024)} MB`, { field: "file" }));
        const bytes = part.bytes;
        let parsed;
        try {
          parsed = await readLkeWorkbook(bytes);
        } catch (e) {
          if (e instanceof LkeWorkbookError) throw new AppError(400, e.reason === "too_large" ? "workbook_too_large" : "workbook_unreadable", `file: ${e.message}`, { field: "file" });
          throw e;
        }
        const outcome = await importLke(db, auditContextOf(req), {
          assessmentId: found.assessment.id,
          agencyId: found.assessment.agencyId,
          stage,
          stages: stagesFor(found.period.kind as PeriodKind, found.period.withVisit),
          compiled,
          parsed,
          authorUserId: req.auth!.user.id,
          mayAnswer: (code) => canAnswer(actor, scope, stage, code),
          fileName: part.filename || null,
        });
        if (outcome.ok) return { changed: outcome.changed, rows: outcome.rows };
        if (outcome.kind === "problems") throw new AppError(400, "workbook_invalid", `the workbook has ${outcome.problems.length} problem(s); nothing was imported`, { problems: outcome.problems });
        if (outcome.kind === "stale") throw new AppError(409, "answers_changed", `answers changed since the export: ${outcome.indicators.join(", ")}; export again and redo these rows`, { indicators: outcome.indicators });
        throw new AppError(403, "forbidden", `you may not answer indicators ${outcome.indicators.join(", ")}`, { indicators: outcome.indicators });
      },
    );
  };
