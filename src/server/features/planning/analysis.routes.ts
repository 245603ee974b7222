import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { analyseAssessment, draftRecommendation } from "../../../core";
import type { AppContext } from "../../context";
import { AppError } from "../../errors";
import { auditContextOf } from "../../request-audit";
import { canEditGeneralRecommendation, planningAbilities } from "../../policies/planning.policy";
import { saveGeneralRecommendation } from "../../../db/commands/recommendations";
import { generalRecommendationOf } from "../../../db/queries/planning";
import { loadReadableAssessment } from "../assessments/load-assessment";
import { indexFamilyOf } from "../../../lib/result-instruments";
import { levelsOfAssessment, planningLoaders } from "./load-planning";
import { AnalysisQuery, AnalysisResponse, GeneralRecommendationBody, GeneralRecommendationResponse, IdParams } from "./planning.schema";

/**
 * The analysis of an assessment (fulfilment per aspect, strengths, weaknesses: Pedoman 3/2024 BAB
 * III.F) with the drafted general recommendation, and the assessor's edited text.
 */
export const analysisRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;
    const load = planningLoaders(db);
    const assignedHere = (scope: { assignments?: { role: string }[] }) => (scope.assignments ?? []).some((a) => a.role === "asesor_eksternal");

    app.get(
      "/api/assessments/:id/analysis",
      {
        config: { access: "authenticated" },
        schema: { summary: "Fulfilment per aspect, strengths, weaknesses and the drafted general recommendation", tags: ["planning"], params: IdParams, querystring: AnalysisQuery, response: { 200: AnalysisResponse } },
      },
      async (req) => {
        const { found, compiled, scope } = await loadReadableAssessment(db, req, req.params.id);
        const { levels, missing, source } = await levelsOfAssessment(db, found, compiled);
        const analysis = analyseAssessment(compiled.instrument, levels, found.period.predicatePolicy);
        const saved = await generalRecommendationOf(db, found.assessment.id);
        const actor = req.auth!.actor;
        const external = assignedHere(scope) || (await load.assignedExternal(req, found.assessment.agencyId));
        return {
          assessmentId: found.assessment.id,
          agency: { code: found.agencyCode, name: found.agencyName },
          period: { id: found.period.id, name: found.period.name, year: found.period.year, instrument: found.period.instrumentId, predicatePolicy: found.period.predicatePolicy },
          levelSource: source,
          levels,
          missing,
          analysis: {
            aspects: analysis.aspects.map(({ code, name, parentCode, indicatorCount, fulfilled, fulfilmentPercent, indexHundredths }) => ({ code, name, parentCode, indicatorCount, fulfilled, fulfilmentPercent, indexHundredths })),
            strengths: analysis.strengths,
            weaknesses: analysis.weaknesses,
            indexHundredths: analysis.indexHundredths,
            predicate: analysis.predicate,
            strongestAspects: analysis.strongestAspects,
            weakestAspects: analysis.weakestAspects,
          },
          draft: draftRecommendation(compiled.instrument, analysis, req.query.lang, indexFamilyOf(compiled.instrument.id).name),
          saved: saved ? { text: saved.text, editedBy: saved.editedBy, editedAt: saved.editedAt.toISOString() } : null,
          abilities: { editRecommendation: canEditGeneralRecommendation(actor, assignedHere(scope)), ...planningAbilities(actor, found.assessment.agencyId, external) },
        };
      },
    );

    app.put(
      "/api/assessments/:id/recommendation",
      {
        config: { access: "authenticated" },
        schema: { summary: "Save the assessor's edited general recommendation of an assessment", tags: ["planning"], params: IdParams, body: GeneralRecommendationBody, response: { 200: GeneralRecommendationResponse } },
      },
      async (req) => {
        const { found, scope } = await loadReadableAssessment(db, req, req.params.id);
        if (!canEditGeneralRecommendation(req.auth!.actor, assignedHere(scope))) throw new AppError(403, "forbidden", "only the assigned external assessors, the review team and administrators write the general recommendation");
        const row = await saveGeneralRecommendation(db, auditContextOf(req), { assessmentId: found.assessment.id, agencyId: found.assessment.agencyId, text: req.body.text });
        return { text: row.text, editedAt: row.editedAt.toISOString() };
      },
    );
  };
