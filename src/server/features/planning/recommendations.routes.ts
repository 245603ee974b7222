import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context";
import { AppError, invalidField } from "../../errors";
import { auditContextOf } from "../../request-audit";
import { canEditRecommendation, planningAbilities, recommendationSourcesFor } from "../../policies/planning.policy";
import { createRecommendationWithActions, deleteRecommendation, updateRecommendation } from "../../../db/commands/recommendations";
import { createActionsFromRoadmap } from "../../../db/commands/improvement-actions";
import { planningBook } from "../../../db/queries/planning";
import { findAssessment } from "../../../db/queries/assessments";
import { todayInIndonesia } from "../evidence/evidence-settings";
import { loadReadableAssessment } from "../assessments/load-assessment";
import { levelsOfAssessment, planningLoaders } from "./load-planning";
import { presentBook } from "./planning.presenter";
import { roadmapActions } from "./roadmap-actions";
import {
  AgencyCodeParams,
  FromRoadmapBody,
  FromRoadmapResponse,
  IdParams,
  NewRecommendationBody,
  RecommendationListQuery,
  RecommendationListResponse,
  RecommendationPatch,
  RecommendationResponse,
} from "./planning.schema";

/** Recommendations (rekomendasi) per agency, and turning a roadmap into actions under one. */
export const recommendationRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;
    const load = planningLoaders(db);

    /** One recommendation as listed, with its actions. */
    const view = async (agencyId: number, id: number, canEdit: boolean) => {
      const book = await planningBook(db, [agencyId]);
      const only = { ...book, recommendations: book.recommendations.filter((r) => r.recommendation.id === id) };
      return presentBook(only, todayInIndonesia(), () => canEdit)[0]!;
    };

    app.get(
      "/api/agencies/:code/recommendations",
      {
        config: { access: "authenticated" },
        schema: { summary: "An agency's recommendations with their actions (optionally of one period)", tags: ["planning"], params: AgencyCodeParams, querystring: RecommendationListQuery, response: { 200: RecommendationListResponse } },
      },
      async (req) => {
        const agency = await load.readableAgency(req, req.params.code);
        const actor = req.auth!.actor;
        const external = await load.assignedExternal(req, agency.id);
        const book = await planningBook(db, [agency.id], { periodId: req.query.period });
        return {
          agency: { code: agency.code, name: agency.name },
          abilities: planningAbilities(actor, agency.id, external),
          recommendations: presentBook(book, todayInIndonesia(), (r) => canEditRecommendation(actor, r.recommendation, external)),
        };
      },
    );

    app.post(
      "/api/agencies/:code/recommendations",
      { config: { access: "authenticated" }, schema: { summary: "Write a recommendation to an agency, optionally with its first actions (all or none)", tags: ["planning"], params: AgencyCodeParams, body: NewRecommendationBody, response: { 201: RecommendationResponse } } },
      async (req, reply) => {
        const agency = await load.readableAgency(req, req.params.code);
        const sources = recommendationSourcesFor(req.auth!.actor, agency.id, await load.assignedExternal(req, agency.id));
        if (!sources.length) throw new AppError(403, "forbidden", "you may not write recommendations to this agency");
        const source = req.body.source ?? sources[0]!;
        if (!sources.includes(source)) throw new AppError(403, "forbidden", `source: you may not write as ${source}`, { field: "source", source });
        let periodId = req.body.periodId ?? null;
        const assessmentId = req.body.assessmentId ?? null;
        if (assessmentId !== null) {
          const found = await findAssessment(db, assessmentId);
          if (!found || found.assessment.agencyId !== agency.id) throw invalidField("not_this_agency", "body.assessmentId", "not an assessment of this agency");
          if (periodId !== null && periodId !== found.period.id) throw invalidField("not_this_period", "body.periodId", "not the period of that assessment");
          periodId = found.period.id;
        }
        const actions = req.body.actions;
        if (actions.length) {
          load.requireActionManager(req, agency.id);
          for (const [i, a] of actions.entries()) await load.checkUnit(agency.id, a.ownerUnitId, `body.actions.${i}.ownerUnitId`);
        }
        const { recommendation } = await createRecommendationWithActions(
          db,
          auditContextOf(req),
          { agencyId: agency.id, periodId, assessmentId, source, text: req.body.text, priority: req.body.priority, aspectCodes: req.body.aspectCodes, indicatorCodes: req.body.indicatorCodes },
          actions,
        );
        return reply.status(201).send(await view(agency.id, recommendation.id, true));
      },
    );

    app.patch(
      "/api/recommendations/:id",
      { config: { access: "authenticated" }, schema: { summary: "Change a recommendation", tags: ["planning"], params: IdParams, body: RecommendationPatch, response: { 200: RecommendationResponse } } },
      async (req) => {
        const rec = await load.editableRecommendation(req, req.params.id);
        await updateRecommendation(db, auditContextOf(req), rec, req.body);
        return view(rec.agencyId, rec.id, true);
      },
    );

    app.delete(
      "/api/recommendations/:id",
      { config: { access: "authenticated" }, schema: { summary: "Remove a recommendation with its actions", tags: ["planning"], params: IdParams, response: { 204: z.null() } } },
      async (req, reply) => {
        await deleteRecommendation(db, auditContextOf(req), await load.editableRecommendation(req, req.params.id));
        return reply.status(204).send(null);
      },
    );

    app.post(
      "/api/recommendations/:id/actions/from-roadmap",
      {
        config: { access: "authenticated" },
        schema: {
          summary: "Plan the cheapest roadmap to a target (or one target per year) from an assessment's levels and create one action per step (all or none)",
          tags: ["planning"],
          params: IdParams,
          body: FromRoadmapBody,
          response: { 201: FromRoadmapResponse },
        },
      },
      async (req, reply) => {
        const rec = await load.readableRecommendation(req, req.params.id);
        load.requireActionManager(req, rec.agencyId);
        await load.checkUnit(rec.agencyId, req.body.ownerUnitId);
        const assessmentId = req.body.assessmentId ?? rec.assessmentId;
        if (assessmentId === null) throw invalidField("assessment_required", "body.assessmentId", "the recommendation has no assessment; name one");
        const { found, compiled } = await loadReadableAssessment(db, req, assessmentId);
        if (found.assessment.agencyId !== rec.agencyId) throw invalidField("not_this_agency", "body.assessmentId", "not an assessment of this agency");
        const { levels } = await levelsOfAssessment(db, found, compiled);
        const { actions, summary } = roadmapActions(compiled, levels, req.body, found.period.predicatePolicy, todayInIndonesia());
        const rows = await createActionsFromRoadmap(db, auditContextOf(req), { recommendationId: rec.id, agencyId: rec.agencyId, ownerUnitId: req.body.ownerUnitId, costUnit: req.body.costUnit, steps: actions });
        return reply.status(201).send({ ...summary, actions: await load.actionViews(rows.map((r) => r.id)) });
      },
    );
  };
