import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { canSaveServiceEvidence } from "../../policies/service-dashboard.policy";
import type { FastifyRequest } from "fastify";
import multipart from "@fastify/multipart";
import { readSkmSheet, type IkmPolicy, type IkmTally } from "../../../core";
import type { AppContext } from "../../context";
import { AppError, invalidField, notFound } from "../../errors";
import { auditContextOf } from "../../request-audit";
import { readBufferedFile } from "../../multipart-file";
import { originOf } from "../../public-origin";
import { canManageSurveys, canReadSurveys } from "../../policies/skm.policy";
import { agencyIdsByCode } from "../../../db/queries/agency-ids";
import { listFollowUps, listSurveys, surveyById, surveysInScope, surveyTallies, type SurveyRow } from "../../../db/queries/skm";
import { createFollowUp, createSurvey, importSurveyResponses, setSurveyStatus, SkmCommandError, updateFollowUp, updateSurvey } from "../../../db/commands/skm";
import { readCsvSheet, readXlsxSheet, SheetFileError } from "../../../lib/skm-sheet-file";
import { AgencyCodeParams } from "../agencies/agencies.schema";
import { group, groupBy, presentFollowUp, presentResult, presentSurvey, surveyResult, tallyOf } from "./skm.presenter";
import {
  FollowUpBody,
  FollowUpParams,
  ImportResponse,
  QrQuery,
  ResultQuery,
  SkmSummary,
  SummaryQuery,
  SurveyBody,
  SurveyDetail,
  SurveyList,
  SurveyParams,
  SurveyUpdateBody,
} from "./skm.schema";

/** Largest response sheet accepted by the import. */
export const SKM_IMPORT_MAX_BYTES = 5 * 1024 * 1024;

/** An SKM command's refusal as the API's error. */
export function skmRefusal(e: unknown): never {
  if (!(e instanceof SkmCommandError)) throw e;
  switch (e.reason) {
    case "foreign_service":
      throw invalidField("foreign_service", "serviceId", "not a service of this agency", { service: e.details.service });
    case "foreign_unit":
      throw invalidField("foreign_unit", "ownerUnitId", "not a unit of this agency", { unit: e.details.unit });
    case "foreign_action":
      throw invalidField("foreign_action", "improvementActionId", "not an improvement action of this agency", { action: e.details.action });
    case "bad_transition":
      throw new AppError(409, "survey_bad_transition", `a survey is opened from draft and closed from open (it is ${String(e.details.status)})`, { status: e.details.status });
    case "survey_closed":
      throw new AppError(409, "survey_closed", "the survey is closed", { periodEnd: e.details.periodEnd });
    case "survey_not_open":
      throw new AppError(409, "survey_not_open", "the survey is not open yet", { periodStart: e.details.periodStart });
    case "duplicate_response":
      throw new AppError(409, "duplicate_response", "this device has already answered this survey");
  }
}

/** Tallies of these surveys, from the database's counts. */
export async function talliesOf(db: AppContext["database"]["db"], rows: readonly SurveyRow[]): Promise<Map<number, IkmTally>> {
  const counts = await surveyTallies(db, rows.map((r) => r.id));
  return new Map(rows.map((r) => [r.id, tallyOf(counts.get(r.id))]));
}

/** The lowest-NRR elements (up to three, exact order by NRR then code) that have no follow-up yet. */
function suggestions(result: ReturnType<typeof surveyResult>, taken: Set<string>) {
  if (result.ikm === null) return [];
  return result.elements
    .filter((e) => !taken.has(e.code))
    .sort((a, b) => a.sum * b.answered - b.sum * a.answered || a.code.localeCompare(b.code))
    .slice(0, 3)
    .map((e) => e.code);
}

/**
 * SKM surveys of an agency's catalogue services, as its officers run them (PermenPANRB 14/2017):
 * create, open and close a survey, its link and QR code per counter, the results (NRR per element,
 * IKM exactly, mutu, minimum respondents), bulk import of paper/spreadsheet responses (all or none),
 * follow-up actions on the weakest elements, and the aggregation per service, unit, agency and
 * province. Read by who reads the catalogue, run by its Koordinator SPBE and administrators; another
 * agency answers 404.
 */
export const skmRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;
    await app.register(multipart, { limits: { fileSize: SKM_IMPORT_MAX_BYTES, files: 1, fields: 2, fieldSize: 1024, parts: 3, headerPairs: 50 } });
    const readable = async (req: FastifyRequest, code: string) => {
      const id = (await agencyIdsByCode(db, [code])).get(code);
      if (id === undefined || !canReadSurveys(req.auth!.actor, id)) throw notFound("agency");
      return id;
    };
    const manageable = async (req: FastifyRequest, code: string) => {
      const id = await readable(req, code);
      if (!canManageSurveys(req.auth!.actor, id)) throw new AppError(403, "forbidden", "only the Koordinator SPBE or an administrator runs the agency's surveys");
      return id;
    };
    const detail = async (req: FastifyRequest, agencyId: number, surveyId: number, policy: IkmPolicy = "exact") => {
      const row = await surveyById(db, agencyId, surveyId);
      if (!row) throw notFound("survey");
      const tally = (await talliesOf(db, [row])).get(row.id)!;
      const result = surveyResult(row, tally, policy);
      const followUps = await listFollowUps(db, [row.id]);
      return {
        survey: presentSurvey(row),
        result: presentResult(result),
        followUps: followUps.map(presentFollowUp),
        suggestedElements: suggestions(result, new Set(followUps.map((f) => f.element))),
        abilities: { manage: canManageSurveys(req.auth!.actor, agencyId), saveAsEvidence: req.auth!.actor.canWrite && canSaveServiceEvidence(req.auth!.actor, agencyId) },
      };
    };

    app.get(
      "/api/agencies/:code/surveys",
      { config: { access: "authenticated" }, schema: { operationId: "listAgencySurveys", summary: "The agency's SKM surveys with respondents and IKM", tags: ["skm"], params: AgencyCodeParams, response: { 200: SurveyList } } },
      async (req) => {
        const agencyId = await readable(req, req.params.code);
        const rows = await listSurveys(db, agencyId);
        const tallies = await talliesOf(db, rows);
        return {
          surveys: rows.map((r) => {
            const res = surveyResult(r, tallies.get(r.id)!);
            return { ...presentSurvey(r), ikm: res.ikm, mutu: res.mutu, enough: res.enough };
          }),
          abilities: { manage: canManageSurveys(req.auth!.actor, agencyId) },
        };
      },
    );

    app.post(
      "/api/agencies/:code/surveys",
      { config: { access: "authenticated" }, schema: { operationId: "createAgencySurvey", summary: "Create a draft SKM survey for a catalogue service and period", tags: ["skm"], params: AgencyCodeParams, body: SurveyBody, response: { 201: SurveyDetail } } },
      async (req, reply) => {
        const agencyId = await manageable(req, req.params.code);
        const id = await createSurvey(db, auditContextOf(req), agencyId, req.body).catch(skmRefusal);
        return reply.status(201).send(await detail(req, agencyId, id));
      },
    );

    app.get(
      "/api/agencies/:code/surveys/:surveyId",
      {
        config: { access: "authenticated" },
        schema: { operationId: "getAgencySurvey", summary: "One survey with its result (NRR per element, IKM, mutu, minimum respondents) and follow-up actions", tags: ["skm"], params: SurveyParams, querystring: ResultQuery, response: { 200: SurveyDetail } },
      },
      async (req) => detail(req, await readable(req, req.params.code), req.params.surveyId, req.query.policy as IkmPolicy),
    );

    app.put(
      "/api/agencies/:code/surveys/:surveyId",
      { config: { access: "authenticated" }, schema: { operationId: "updateAgencySurvey", summary: "Change a survey's title, period, population and counters", tags: ["skm"], params: SurveyParams, body: SurveyUpdateBody, response: { 200: SurveyDetail } } },
      async (req) => {
        const agencyId = await manageable(req, req.params.code);
        if (!(await updateSurvey(db, auditContextOf(req), agencyId, req.params.surveyId, req.body))) throw notFound("survey");
        return detail(req, agencyId, req.params.surveyId);
      },
    );

    for (const [verb, to] of [
      ["open", "open"],
      ["close", "closed"],
    ] as const) {
      app.post(
        `/api/agencies/:code/surveys/:surveyId/${verb}`,
        {
          config: { access: "authenticated" },
          schema: { operationId: verb === "open" ? "openAgencySurvey" : "closeAgencySurvey", summary: verb === "open" ? "Open a draft survey to responses" : "Close an open survey (no more responses)", description: "409 survey_bad_transition otherwise.", tags: ["skm"], params: SurveyParams, response: { 200: SurveyDetail } },
        },
        async (req) => {
          const agencyId = await manageable(req, req.params.code);
          if (!(await setSurveyStatus(db, auditContextOf(req), agencyId, req.params.surveyId, to).catch(skmRefusal))) throw notFound("survey");
          return detail(req, agencyId, req.params.surveyId);
        },
      );
    }

    app.get(
      "/api/agencies/:code/surveys/:surveyId/qr",
      {
        config: { access: "authenticated" },
        schema: { operationId: "getSurveyQr", summary: "The survey's public link as a QR code to print (SVG or PNG), optionally for one counter (?loket=)", tags: ["skm"], params: SurveyParams, querystring: QrQuery, produces: ["image/svg+xml", "image/png"] },
      },
      async (req, reply) => {
        const agencyId = await readable(req, req.params.code);
        const row = await surveyById(db, agencyId, req.params.surveyId);
        if (!row) throw notFound("survey");
        const url = `${originOf(ctx, req)}/survei/${row.id}${req.query.loket ? `?loket=${encodeURIComponent(req.query.loket)}` : ""}`;
        const { default: QRCode } = await import("qrcode");
        const name = `survei-${row.id}${req.query.loket ? `-${req.query.loket.replace(/[^\w-]+/g, "_")}` : ""}`;
        if (req.query.format === "png") {
          reply.header("content-type", "image/png").header("content-disposition", `inline; filename="${name}.png"`);
          return QRCode.toBuffer(url, { errorCorrectionLevel: "M", margin: 2, width: 600 });
        }
        reply.header("content-type", "image/svg+xml").header("content-disposition", `inline; filename="${name}.svg"`);
        return QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
      },
    );

    app.post(
      "/api/agencies/:code/surveys/:surveyId/responses/import",
      {
        config: { access: "authenticated" },
        schema: {
          operationId: "importSurveyResponses",
          summary: "Import paper or spreadsheet responses (multipart field `file`: CSV or .xlsx, one row per respondent, columns U1…U9 and optional Usia, Jenis Kelamin, Pendidikan, Pekerjaan); all rows or none",
          description: "400 responses_invalid with details.problems [{ row, column, message }] naming every bad cell, nothing stored; 400 sheet_unreadable; 409 survey_not_open / survey_closed.",
          tags: ["skm"],
          params: SurveyParams,
          consumes: ["multipart/form-data"],
          response: { 200: ImportResponse },
        },
      },
      async (req, reply) => {
        const agencyId = await manageable(req, req.params.code);
        if (!(await surveyById(db, agencyId, req.params.surveyId))) throw notFound("survey");
        if (!req.isMultipart()) throw new AppError(415, "unsupported_media_type", "send the sheet as multipart/form-data (field file)");
        const file = await readBufferedFile(req, reply, () => new AppError(400, "payload_too_large", `file: larger than ${SKM_IMPORT_MAX_BYTES / (1024 * 1024)} MB`, { field: "file", limitMegabytes: SKM_IMPORT_MAX_BYTES / (1024 * 1024) }));
        const isXlsx = file.bytes.subarray(0, 2).toString("latin1") === "PK";
        let rows;
        try {
          rows = isXlsx ? await readXlsxSheet(file.bytes) : await readCsvSheet(file.bytes.toString("utf8"));
        } catch (e) {
          if (e instanceof SheetFileError) throw new AppError(400, "sheet_unreadable", `file: ${e.message}`, { field: "file" });
          throw e;
        }
        const { problems, responses } = readSkmSheet(rows, { withProfile: true });
        if (problems.length > 0) throw new AppError(400, "responses_invalid", `the sheet has ${problems.length} problem(s); nothing was stored`, { field: "file", problems: problems.slice(0, 500) });
        const imported = await importSurveyResponses(
          db,
          auditContextOf(req),
          agencyId,
          req.params.surveyId,
          responses.map((r) => ({ answers: r.answers, profile: r.profile, channel: "import", counter: null, deviceHash: null })),
          { filename: file.filename.slice(0, 200) },
        ).catch(skmRefusal);
        if (imported === undefined) throw notFound("survey");
        return { imported, respondents: (await surveyById(db, agencyId, req.params.surveyId))!.respondents };
      },
    );

    app.post(
      "/api/agencies/:code/surveys/:surveyId/follow-ups",
      { config: { access: "authenticated" }, schema: { operationId: "createSurveyFollowUp", summary: "Add a follow-up action for an element of a survey period", tags: ["skm"], params: SurveyParams, body: FollowUpBody, response: { 201: SurveyDetail } } },
      async (req, reply) => {
        const agencyId = await manageable(req, req.params.code);
        if ((await createFollowUp(db, auditContextOf(req), agencyId, req.params.surveyId, req.body).catch(skmRefusal)) === undefined) throw notFound("survey");
        return reply.status(201).send(await detail(req, agencyId, req.params.surveyId));
      },
    );

    app.put(
      "/api/agencies/:code/surveys/:surveyId/follow-ups/:followUpId",
      { config: { access: "authenticated" }, schema: { operationId: "updateSurveyFollowUp", summary: "Change a follow-up action (status, owner, due date, link to the improvement plan)", tags: ["skm"], params: FollowUpParams, body: FollowUpBody, response: { 200: SurveyDetail } } },
      async (req) => {
        const agencyId = await manageable(req, req.params.code);
        if (!(await updateFollowUp(db, auditContextOf(req), agencyId, req.params.surveyId, req.params.followUpId, req.body).catch(skmRefusal))) throw notFound("follow-up");
        return detail(req, agencyId, req.params.surveyId);
      },
    );

    app.get(
      "/api/agencies/:code/skm-summary",
      {
        config: { access: "authenticated" },
        schema: {
          operationId: "getSkmSummary",
          summary: "The pooled IKM per service, unit and agency (and for a province: per agency of the province and the province as a whole) for a year",
          description: "Drafts are left out. Every group pools its respondents (core aggregateIkm): counts are added, IKMs are never averaged.",
          tags: ["skm"],
          params: AgencyCodeParams,
          querystring: SummaryQuery,
          response: { 200: SkmSummary },
        },
      },
      async (req) => {
        const agencyId = await readable(req, req.params.code);
        const policy = req.query.policy as IkmPolicy;
        const year = req.query.year;
        const own = await surveysInScope(db, { agencyId, year, publishedOnly: true });
        const isProvince = /^\d{2}$/.test(req.params.code);
        const province = isProvince ? await surveysInScope(db, { provinceCode: req.params.code, year, publishedOnly: true }) : [];
        const tallies = await talliesOf(db, isProvince ? province : own);
        const agencyName = own[0]?.agencyName ?? province.find((r) => r.agencyCode === req.params.code)?.agencyName ?? req.params.code;
        return {
          year: year ?? null,
          policy,
          agency: group(req.params.code, agencyName, own, tallies, policy),
          byService: groupBy(own, (r) => String(r.serviceId), (r) => r.serviceName).map((g) => group(g.key, g.name, g.rows, tallies, policy)),
          byUnit: groupBy(own, (r) => (r.unitId === null ? null : String(r.unitId)), (r) => r.unitName ?? "").map((g) => group(g.key, g.name, g.rows, tallies, policy)),
          byAgency: isProvince ? groupBy(province, (r) => r.agencyCode, (r) => r.agencyName).map((g) => group(g.key, g.name, g.rows, tallies, policy)) : [],
          province: isProvince ? group(req.params.code, agencyName, province, tallies, policy) : null,
        };
      },
    );
  };
