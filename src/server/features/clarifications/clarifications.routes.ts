import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../context";
import { AppError, notFound, invalidField } from "../../errors";
import { auditContextOf } from "../../request-audit";
import { canTakePartInClarification, clarificationSide } from "../../policies/collaboration.policy";
import { postClarification, setClarificationStatus } from "../../../db/commands/clarifications";
import { clarificationThread, clarificationThreadsOf, evidenceBelongsTo } from "../../../db/queries/clarifications";
import { loadReadableAssessment } from "../assessments/load-assessment";
import { AssessmentParams } from "../assessments/assessment-params.schema";
import { presentClarificationSummary, presentClarificationThread } from "./clarifications.presenter";
import { ClarificationListResponse, ClarificationParams, ClarificationStatusBody, ClarificationThreadResponse, PostClarificationBody } from "./clarifications.schema";

/**
 * Clarification threads per indicator between the evaluators (assigned external assessors, review
 * team) and the agency's team. Everyone who reads the assessment reads them; another agency's
 * assessment is a 404 like any other.
 */
export const clarificationRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;

    app.get(
      "/api/assessments/:id/clarifications",
      { config: { access: "authenticated" }, schema: { summary: "The clarification threads of an assessment", tags: ["evaluation"], params: AssessmentParams, response: { 200: ClarificationListResponse } } },
      async (req) => {
        const { found, scope } = await loadReadableAssessment(db, req, req.params.id);
        const threads = (await clarificationThreadsOf(db, found.assessment.id)).map(presentClarificationSummary);
        const canTakePart = req.auth!.actor.canWrite && clarificationSide(req.auth!.actor, scope, null) !== null;
        return { threads, canTakePart };
      },
    );

    app.get(
      "/api/assessments/:id/clarifications/:code",
      { config: { access: "authenticated" }, schema: { summary: "One indicator's clarification thread with its messages", tags: ["evaluation"], params: ClarificationParams, response: { 200: ClarificationThreadResponse } } },
      async (req) => {
        const { found, compiled, scope } = await loadReadableAssessment(db, req, req.params.id);
        if (!compiled.position.has(req.params.code)) throw notFound("indicator");
        const actor = req.auth!.actor;
        const side = actor.canWrite ? clarificationSide(actor, scope, req.params.code) : null;
        return presentClarificationThread(req.params.code, await clarificationThread(db, found.assessment.id, req.params.code), side);
      },
    );

    app.post(
      "/api/assessments/:id/clarifications/:code/messages",
      {
        config: { access: "authenticated" },
        schema: { summary: "Ask or answer in an indicator's clarification thread (notifies the other side)", tags: ["evaluation"], params: ClarificationParams, body: PostClarificationBody, response: { 201: ClarificationThreadResponse } },
      },
      async (req, reply) => {
        const { found, compiled, scope } = await loadReadableAssessment(db, req, req.params.id);
        if (!compiled.position.has(req.params.code)) throw notFound("indicator");
        const actor = req.auth!.actor;
        if (!canTakePartInClarification(actor, scope, req.params.code)) throw new AppError(403, "forbidden", "only the assessors, the review team and the agency's team write clarifications");
        const evidenceId = req.body.evidenceId ?? null;
        if (evidenceId !== null && !(await evidenceBelongsTo(db, evidenceId, scope.agencyId))) throw invalidField("not_this_agency", "body.evidenceId", `no evidence ${evidenceId} in this agency's library`);
        const side = clarificationSide(actor, scope, req.params.code)!;
        await postClarification(db, auditContextOf(req), { assessmentId: found.assessment.id, agencyId: scope.agencyId, indicatorCode: req.params.code, side, body: req.body.body, evidenceId });
        return reply.status(201).send(presentClarificationThread(req.params.code, await clarificationThread(db, found.assessment.id, req.params.code), side));
      },
    );

    app.patch(
      "/api/assessments/:id/clarifications/:code",
      { config: { access: "authenticated" }, schema: { summary: "Resolve or reopen an indicator's clarification thread", tags: ["evaluation"], params: ClarificationParams, body: ClarificationStatusBody, response: { 200: ClarificationThreadResponse } } },
      async (req) => {
        const { found, compiled, scope } = await loadReadableAssessment(db, req, req.params.id);
        if (!compiled.position.has(req.params.code)) throw notFound("indicator");
        const actor = req.auth!.actor;
        if (!canTakePartInClarification(actor, scope, req.params.code)) throw new AppError(403, "forbidden", "only the thread's participants resolve or reopen it");
        const target = { assessmentId: found.assessment.id, agencyId: scope.agencyId, indicatorCode: req.params.code };
        if (!(await setClarificationStatus(db, auditContextOf(req), { ...target, status: req.body.status }))) throw notFound("clarification thread");
        return presentClarificationThread(req.params.code, await clarificationThread(db, found.assessment.id, req.params.code), clarificationSide(actor, scope, req.params.code));
      },
    );
  };
