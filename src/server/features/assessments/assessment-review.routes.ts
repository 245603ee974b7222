import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { fromScaledInt, levelsInForce, roundTenThousandthsToHundredths, stagesFor, valueProblem, type Stage } from "../../../core";
import type { AppContext } from "../../context";
import { AppError, invalidField } from "../../errors";
import { auditContextOf } from "../../request-audit";
import { canReview, canRevise } from "../../policies/assessment.policy";
import { answersOf } from "../../../db/queries/assessments";
import { finaliseValid, resultSnapshot, resultsOf, returnForCorrection, reviseResult } from "../../../db/commands/finalise";
import { loadReadableAssessment } from "./load-assessment";
import { AssessmentParams, ReviewBody, ReviseBody, RevisionResponse, StageResponse } from "./assessments.schema";

const conflict = () => new AppError(409, "conflict", "the assessment changed meanwhile; reload it");

/** Review (Valid / Tidak Valid) by the review team, finalisation and later corrections as revisions. */
export const assessmentReviewRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;

    app.post(
      "/api/assessments/:id/review",
      { config: { access: "authenticated" }, schema: { summary: "Tim Reviu: Valid finalises the result; Tidak Valid returns it for correction", tags: ["evaluation"], params: AssessmentParams, body: ReviewBody, response: { 200: StageResponse } } },
      async (req) => {
        const { found, compiled, scope } = await loadReadableAssessment(db, req, req.params.id);
        if (!canReview(req.auth!.actor, scope)) throw new AppError(403, "forbidden", "only the review team decides, while a review is pending");
        const target = { id: found.assessment.id, agencyId: scope.agencyId, stage: scope.stage };
        const notes = req.body.notes ?? null;
        if (req.body.decision === "tidak_valid") {
          if (!notes) throw invalidField("notes_required", "body.notes", "say what must be corrected");
          if (!(await returnForCorrection(db, auditContextOf(req), target, notes))) throw conflict();
          return { stage: scope.stage as Stage, reviewStatus: "returned" as const };
        }
        const order = stagesFor(found.period.kind, found.period.withVisit);
        const { levels, missing } = levelsInForce({ codes: compiled.codes, order, stage: scope.stage as Stage, answers: await answersOf(db, found.assessment.id), result: null });
        if (missing.length) throw new AppError(400, "indicators_without_level", `indicators without a level: ${missing.join(", ")}`, { indicators: missing });
        const snapshot = resultSnapshot(compiled, levels as Record<string, number>, found.period.predicatePolicy);
        if (!(await finaliseValid(db, auditContextOf(req), target, snapshot, notes))) throw conflict();
        return { stage: "final" as const, reviewStatus: null };
      },
    );

    app.post(
      "/api/assessments/:id/revisions",
      { config: { access: "authenticated" }, schema: { summary: "Correct a final result: a new revision with a reason", tags: ["evaluation"], params: AssessmentParams, body: ReviseBody, response: { 201: RevisionResponse } } },
      async (req, reply) => {
        const { found, compiled, scope } = await loadReadableAssessment(db, req, req.params.id);
        if (!canRevise(req.auth!.actor, scope)) throw new AppError(403, "forbidden", "only administrators correct a final result");
        const results = await resultsOf(db, found.assessment.id);
        const latest = results[results.length - 1];
        if (!latest) throw new AppError(409, "no_final_result", "this assessment has no final result to correct");
        for (const [code, level] of Object.entries(req.body.levels)) {
          if (!compiled.position.has(code)) throw invalidField("unknown_indicators", `body.levels.${code}`, "unknown indicator", { indicators: [code] });
          const problem = valueProblem(compiled, compiled.position.get(code)!, level);
          if (problem) throw invalidField("level_invalid", `body.levels.${code}`, problem, { indicator: code });
        }
        const snapshot = resultSnapshot(compiled, { ...latest.levels, ...req.body.levels }, found.period.predicatePolicy);
        const revision = await reviseResult(db, auditContextOf(req), { id: found.assessment.id, agencyId: scope.agencyId, basedOn: latest.revision }, snapshot, req.body.reason);
        if (revision === null) throw new AppError(409, "conflict", `another correction was saved meanwhile (after revision ${latest.revision}); reload the result and correct it again`);
        return reply.status(201).send({ revision, index: snapshot.index10k / 10000, indexRounded: fromScaledInt(roundTenThousandthsToHundredths(snapshot.index10k), 2), predicate: snapshot.predicate });
      },
    );
  };
