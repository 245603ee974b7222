import { createHash } from "node:crypto";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { calendarDayAt, SKM_AGE_BANDS, SKM_EDUCATIONS, SKM_ELEMENTS, SKM_ELEMENT_CODES, SKM_OCCUPATIONS, SKM_SEXES } from "../../../core";
import type { AppContext } from "../../context";
import { notFound } from "../../errors";
import { caughtByHoneypot } from "../../honeypot";
import { surveyById, surveysInScope } from "../../../db/queries/skm";
import { submitSurveyResponse } from "../../../db/commands/skm";
import { openDataCsv, presentOpenDataRow } from "./skm.presenter";
import { skmRefusal, talliesOf } from "./skm.routes";
import { OpenDataDocument, OpenDataQuery, PublicSurvey, PublicSurveyParams, ResponseAccepted, ResponseBody } from "./skm.schema";

/** The stored form of a device token: SHA-256 of the survey and the token (the token never is). */
export function deviceHashOf(surveyId: number, token: string): string {
  return createHash("sha256").update(`skm:${surveyId}:${token}`).digest("hex");
}

/**
 * The citizen side of the SKM, no sign-in: what the survey page needs, the response itself
 * (validated per element, rate-limited per IP and survey, honeypot, one response per device and
 * survey), and the results as open data (per service and period, JSON or CSV, any origin).
 */
export const publicSkmRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;
    const today = () => calendarDayAt((ctx.auth.now?.() ?? new Date()).getTime());
    const limit = ctx.skmRateLimit ?? { max: 20, timeWindowMs: 60_000 };

    app.get(
      "/api/public/surveys/:id",
      { config: { access: "public" }, schema: { operationId: "getPublicSurvey", summary: "What the public survey page shows: the service, the agency, the nine elements with their official answer labels, the profile choices (404 for a draft)", tags: ["public"], params: PublicSurveyParams, response: { 200: PublicSurvey } } },
      async (req) => {
        const s = await surveyById(db, null, req.params.id);
        if (!s || s.status === "draft") throw notFound("survey");
        const d = today();
        return {
          id: s.id,
          title: s.title,
          status: s.status as "open",
          accepting: s.status === "open" && d >= s.periodStart && d <= s.periodEnd,
          periodStart: s.periodStart,
          periodEnd: s.periodEnd,
          service: { id: s.serviceId, name: s.serviceName },
          agency: { code: s.agencyCode, name: s.agencyName },
          counters: s.counters,
          elements: SKM_ELEMENTS.map((e) => ({ code: e.code, name: e.name, answers: [...e.answers] })),
          profile: { ageBands: [...SKM_AGE_BANDS], sexes: [...SKM_SEXES], educations: [...SKM_EDUCATIONS], occupations: [...SKM_OCCUPATIONS] },
        };
      },
    );

    app.post(
      "/api/public/surveys/:id/responses",
      {
        config: {
          access: "public",
          rateLimit: { max: limit.max, timeWindow: limit.timeWindowMs, keyGenerator: (req: FastifyRequest) => `skm|${req.ip}|${(req.params as { id?: string }).id ?? ""}` },
        },
        schema: {
          operationId: "submitSurveyResponse",
          summary: "Answer a survey: the nine elements U1…U9 (1–4), optional profile, a device token kept by the page",
          description: "400 validation_error naming the field (body.answers.U3) for an answer outside 1–4 or a missing element; 409 survey_closed / survey_not_open; 409 duplicate_response when this device already answered; 429 too_many_requests per IP and survey. A filled honeypot field is answered 201 and nothing is stored.",
          tags: ["public"],
          params: PublicSurveyParams,
          body: ResponseBody,
          response: { 201: ResponseAccepted },
        },
      },
      async (req, reply) => {
        const b = req.body;
        if (caughtByHoneypot(b)) return reply.status(201).send({ accepted: true as const });
        const stored = await submitSurveyResponse(
          db,
          req.params.id,
          {
            answers: SKM_ELEMENT_CODES.map((c) => b.answers[c]),
            profile: { ageBand: b.ageBand, sex: b.sex, education: b.education, occupation: b.occupation },
            channel: b.counter ? "counter" : "online",
            counter: b.counter ?? null,
            deviceHash: deviceHashOf(req.params.id, b.deviceToken),
          },
          today(),
        ).catch(skmRefusal);
        if (!stored) throw notFound("survey");
        return reply.status(201).send({ accepted: true as const });
      },
    );

    app.get(
      "/api/public/skm",
      {
        config: { access: "public" },
        schema: {
          operationId: "listPublicSkm",
          summary: "SKM results as open data: per service and survey period the respondents, IKM (exact 1/9), mutu and whether the minimum respondents is met; JSON or CSV",
          tags: ["public"],
          querystring: OpenDataQuery,
          response: { 200: z.union([OpenDataDocument, z.string()]) },
        },
      },
      async (req, reply) => {
        const { province, agency, year, format } = req.query;
        let rows = await surveysInScope(db, { provinceCode: province, year, publishedOnly: true });
        if (agency) rows = rows.filter((r) => r.agencyCode === agency);
        const tallies = await talliesOf(db, rows);
        const out = rows.map((r) => presentOpenDataRow(r, tallies.get(r.id)!));
        reply.header("access-control-allow-origin", "*").header("cache-control", "public, max-age=300");
        if (format === "csv") {
          reply.header("content-type", "text/csv; charset=utf-8").header("content-disposition", `attachment; filename="skm${province ? `-${province}` : ""}${year ? `-${year}` : ""}.csv"`);
          return openDataCsv(out);
        }
        return { policy: "exact" as const, surveys: out };
      },
    );
  };
