import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { hasRole, stagesFor, type Stage } from "../../../core";
import type { AppContext } from "../../context";
import { AppError, notFound, invalidField } from "../../errors";
import { auditContextOf } from "../../request-audit";
import { canAdvance, canAssign, canSubmit, canVerify } from "../../policies/assessment.policy";
import { answersOf } from "../../../db/queries/assessments";
import { findUserForLogin, loadActor } from "../../../db/queries/actors";
import { moveToStage } from "../../../db/commands/stage-transition";
import { verifyAnswer } from "../../../db/commands/verify-answer";
import { assignToAssessment } from "../../../db/commands/assign";
import { assignIndicatorUnits, ForeignUnitError } from "../../../db/commands/indicator-units";
import { requestReview } from "../../../db/commands/finalise";
import { assessmentReviewRoutes } from "./assessment-review.routes";
import { z } from "zod";
import { loadReadableAssessment } from "./load-assessment";
import { assertStageWindowOpen, assertStageWindowStarted } from "../stage-schedule/stage-window";
import { presentAnswer } from "./workspace.presenter";
import { AnswerParams, AnswerResponse, AssessmentParams, AssignBody, IndicatorUnitsBody, StageNoteBody, StageResponse, VerifyBody } from "./assessments.schema";

const stageConflict = () => new AppError(409, "stage_changed", "the stage changed meanwhile; reload the assessment");

/** Stage work: verify answers, submit the self-assessment, advance external stages, assign assessors. */
export const assessmentStageRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;
    await app.register(assessmentReviewRoutes(ctx));

    app.post(
      "/api/assessments/:id/answers/:code/verify",
      { config: { access: "authenticated" }, schema: { summary: "Penanggung Jawab verifies a self-assessment answer", tags: ["evaluation"], params: AnswerParams, body: VerifyBody, response: { 200: AnswerResponse } } },
      async (req) => {
        const { found, scope } = await loadReadableAssessment(db, req, req.params.id);
        if (!canVerify(req.auth!.actor, scope)) throw new AppError(403, "forbidden", "only the Penanggung Jawab verifies, while the self-assessment is open");
        assertStageWindowOpen(found.period.schedule, scope.stage);
        const r = await verifyAnswer(db, auditContextOf(req), { assessmentId: found.assessment.id, agencyId: scope.agencyId, indicatorCode: req.params.code, ...req.body });
        if (!r.ok) {
          if (!r.current) throw notFound("answer");
          throw new AppError(409, "conflict", `indicator ${req.params.code} changed (version ${r.current.version}); review it again`, { current: presentAnswer(r.current) });
        }
        return presentAnswer(r.answer);
      },
    );

    app.post(
      "/api/assessments/:id/submit",
      { config: { access: "authenticated" }, schema: { summary: "Koordinator SPBE submits the self-assessment (locks it, opens the document review)", tags: ["evaluation"], params: AssessmentParams, body: StageNoteBody, response: { 200: StageResponse } } },
      async (req) => {
        const { found, compiled, scope } = await loadReadableAssessment(db, req, req.params.id);
        if (!canSubmit(req.auth!.actor, scope)) throw new AppError(403, "forbidden", "only the Koordinator SPBE submits, while the self-assessment is open");
        assertStageWindowOpen(found.period.schedule, scope.stage);
        const mandiri = new Map((await answersOf(db, found.assessment.id)).filter((a) => a.stage === "mandiri").map((a) => [a.indicatorCode, a]));
        const unfilled = compiled.codes.filter((c) => mandiri.get(c)?.level == null);
        if (unfilled.length) throw new AppError(400, "indicators_without_level", `indicators without a level: ${unfilled.join(", ")}`, { indicators: unfilled });
        const unverified = compiled.codes.filter((c) => !mandiri.get(c)!.verified);
        if (unverified.length) throw new AppError(400, "indicators_unverified", `indicators not verified by the Penanggung Jawab: ${unverified.join(", ")}`, { indicators: unverified });
        const order = stagesFor(found.period.kind, found.period.withVisit);
        const to = order[order.indexOf("mandiri") + 1]!;
        const ok = await moveToStage(db, auditContextOf(req), { assessmentId: found.assessment.id, agencyId: scope.agencyId, from: "mandiri", to, note: req.body.note ?? null, action: "assessment.submit" });
        if (!ok) throw stageConflict();
        return { stage: to, reviewStatus: null };
      },
    );

    app.post(
      "/api/assessments/:id/advance",
      {
        config: { access: "authenticated" },
        schema: { summary: "Close the open external stage and open the next; after the last, hand it to the review team", tags: ["evaluation"], params: AssessmentParams, body: StageNoteBody, response: { 200: StageResponse } },
      },
      async (req) => {
        const { found, scope } = await loadReadableAssessment(db, req, req.params.id);
        if (!canAdvance(req.auth!.actor, scope)) throw new AppError(403, "forbidden", "only the assigned external assessor or an administrator advances the stage, outside review");
        // A stage may be closed after its end date, never before it has begun.
        assertStageWindowStarted(found.period.schedule, scope.stage);
        const order = stagesFor(found.period.kind, found.period.withVisit);
        const to = order[order.indexOf(scope.stage as Stage) + 1]!;
        const target = { id: found.assessment.id, agencyId: scope.agencyId, stage: scope.stage };
        if (to === "final") {
          if (!(await requestReview(db, auditContextOf(req), target, req.body.note ?? null))) throw stageConflict();
          return { stage: scope.stage as Stage, reviewStatus: "pending" as const };
        }
        const ok = await moveToStage(db, auditContextOf(req), { assessmentId: found.assessment.id, agencyId: scope.agencyId, from: scope.stage, to, note: req.body.note ?? null, action: "assessment.advance" });
        if (!ok) throw stageConflict();
        return { stage: to, reviewStatus: null };
      },
    );

    app.put(
      "/api/assessments/:id/indicator-units",
      {
        config: { access: "authenticated" },
        schema: { summary: "Give indicators of the self-assessment to units (OPD) of the agency; unitId null clears", tags: ["evaluation"], params: AssessmentParams, body: IndicatorUnitsBody, response: { 204: z.null() } },
      },
      async (req, reply) => {
        const { found, compiled, scope } = await loadReadableAssessment(db, req, req.params.id);
        if (!canAssign(req.auth!.actor, scope, "asesor_internal")) throw new AppError(403, "forbidden", "only the Koordinator SPBE divides the indicators among units");
        if (scope.stage !== "mandiri") throw new AppError(409, "division_closed", "units gather the self-assessment: the indicators are divided while it is open");
        const unknown = req.body.assignments.map((a) => a.indicatorCode).filter((c) => !compiled.position.has(c));
        if (unknown.length) throw invalidField("unknown_indicators", "body.assignments", `unknown indicators ${unknown.join(", ")}`, { indicators: unknown });
        if (new Set(req.body.assignments.map((a) => a.indicatorCode)).size !== req.body.assignments.length) throw invalidField("one_per_indicator", "body.assignments", "one unit per indicator");
        try {
          await assignIndicatorUnits(db, auditContextOf(req), { assessmentId: found.assessment.id, agencyId: scope.agencyId, assignments: req.body.assignments, userId: req.auth!.user.id });
        } catch (e) {
          if (e instanceof ForeignUnitError) throw invalidField("foreign_unit", "body.assignments", `unit ${e.message} is not a unit of this agency`, { unit: e.message });
          throw e;
        }
        return reply.status(204).send(null);
      },
    );

    app.post(
      "/api/assessments/:id/assignments",
      { config: { access: "authenticated" }, schema: { summary: "Assign an external assessor, or an internal assessor to some indicators", tags: ["evaluation"], params: AssessmentParams, body: AssignBody, response: { 204: z.null() } } },
      async (req, reply) => {
        const { found, compiled, scope } = await loadReadableAssessment(db, req, req.params.id);
        if (!canAssign(req.auth!.actor, scope, req.body.role)) throw new AppError(403, "forbidden", `you may not assign ${req.body.role}`, { role: req.body.role });
        const user = await findUserForLogin(db, req.body.email);
        if (!user) throw invalidField("unknown_user", "email", `no user ${req.body.email}`, { email: req.body.email });
        const target = await loadActor(db, user.id, false);
        const holds = req.body.role === "asesor_eksternal" ? hasRole(target, "asesor_eksternal") : hasRole(target, "asesor_internal", scope.agencyId);
        if (!holds) throw invalidField("user_lacks_role", "email", `${req.body.email} does not hold the role ${req.body.role}${req.body.role === "asesor_internal" ? " in this agency" : ""}`, { email: req.body.email, role: req.body.role });
        const unknown = (req.body.indicators ?? []).filter((c) => !compiled.position.has(c));
        if (unknown.length) throw invalidField("unknown_indicators", "indicators", `unknown ${unknown.join(", ")}`, { indicators: unknown });
        await assignToAssessment(db, auditContextOf(req), { assessmentId: found.assessment.id, agencyId: scope.agencyId, userId: user.id, role: req.body.role, indicatorCodes: req.body.indicators ?? null });
        return reply.status(204).send(null);
      },
    );
  };
