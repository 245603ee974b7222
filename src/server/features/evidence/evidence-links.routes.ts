import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { AppContext } from "../../context";
import { AppError, notFound } from "../../errors";
import { auditContextOf } from "../../request-audit";
import { canLinkEvidence } from "../../policies/evidence.policy";
import { findEvidence, linkedEvidence } from "../../../db/queries/evidence";
import { linkEvidence, unlinkEvidence } from "../../../db/commands/evidence-links";
import { loadReadableAssessment } from "../assessments/load-assessment";
import { assertStageWindowOpen } from "../stage-schedule/stage-window";
import { todayInIndonesia } from "./evidence-settings";
import { presentEvidenceSummary } from "./evidence.presenter";
import { LinkBody, LinkedEvidenceResponse, LinkParams, UnlinkParams } from "./evidence.schema";

/**
 * Links between the evidence library and the indicator answers of an assessment. Linking follows
 * the answering rule of the open stage; the evidence must belong to the assessment's agency.
 */
export const evidenceLinkRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;

    /** The assessment (404 unless readable), the indicator (404 if unknown) and the write check (403). */
    const linkTarget = async (req: FastifyRequest, assessmentId: number, code: string, evidenceId: number) => {
      const { found, compiled, scope } = await loadReadableAssessment(db, req, assessmentId);
      if (!compiled.codes.includes(code)) throw notFound("indicator");
      if (!canLinkEvidence(req.auth!.actor, scope, code)) throw new AppError(403, "forbidden", "you may not change the evidence of this indicator in the current stage");
      assertStageWindowOpen(found.period.schedule, scope.stage);
      if (!(await findEvidence(db, found.assessment.agencyId, evidenceId))) throw notFound("evidence");
      return { agencyId: found.assessment.agencyId, assessmentId, indicatorCode: code, evidenceId, stage: scope.stage };
    };
    const linkedTo = async (assessmentId: number, indicatorCode: string) => {
      const today = todayInIndonesia();
      return { assessmentId, indicatorCode, evidence: (await linkedEvidence(db, assessmentId, indicatorCode)).map((r) => presentEvidenceSummary(r, today)) };
    };

    app.post(
      "/api/assessments/:id/answers/:code/evidence",
      {
        config: { access: "authenticated" },
        schema: { summary: "Link a piece of evidence to an indicator's answer", tags: ["evidence"], params: LinkParams, body: LinkBody, response: { 200: LinkedEvidenceResponse, 201: LinkedEvidenceResponse } },
      },
      async (req, reply) => {
        const link = await linkTarget(req, req.params.id, req.params.code, req.body.evidenceId);
        const created = await linkEvidence(db, auditContextOf(req), link);
        return reply.status(created ? 201 : 200).send(await linkedTo(link.assessmentId, link.indicatorCode));
      },
    );

    app.delete(
      "/api/assessments/:id/answers/:code/evidence/:evidenceId",
      { config: { access: "authenticated" }, schema: { summary: "Unlink a piece of evidence linked in the open stage (409 stage_closed for a link of an earlier stage)", tags: ["evidence"], params: UnlinkParams, response: { 204: z.null() } } },
      async (req, reply) => {
        const link = await linkTarget(req, req.params.id, req.params.code, req.params.evidenceId);
        const removed = await unlinkEvidence(db, auditContextOf(req), link);
        if (removed.outcome === "missing") throw notFound("link");
        if (removed.outcome === "closed_stage") throw new AppError(409, "evidence_link_locked", `this evidence was linked during the ${removed.stage} stage, which is closed: the link stays part of that stage's record`, { stage: removed.stage });
        return reply.status(204).send(null);
      },
    );
  };
