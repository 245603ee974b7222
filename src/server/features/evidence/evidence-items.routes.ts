import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { effectiveEvidenceItems, findEvidenceItem, indicatorsOf, type EvidenceItemStatus, type LeveledEvidenceItem } from "../../../core";
import type { AppContext } from "../../context";
import { AppError, notFound, validationError } from "../../errors";
import { auditContextOf } from "../../request-audit";
import { canLinkEvidence, canReviewEvidenceItems } from "../../policies/evidence.policy";
import { findEvidence } from "../../../db/queries/evidence";
import { evidenceItemLinksOf, evidenceItemReviewsOf } from "../../../db/queries/evidence-items";
import { linkEvidenceItem, reviewEvidenceItem, unlinkEvidenceItem } from "../../../db/commands/evidence-items";
import { loadReadableAssessment } from "../assessments/load-assessment";
import { assertStageWindowOpen } from "../stage-schedule/stage-window";
import { presentEvidenceItems } from "./evidence-items.presenter";
import { AnswerParams } from "../assessments/assessment-params.schema";
import { EvidenceItemLinkParams, EvidenceItemParams, EvidenceItemReviewBody, EvidenceItemsResponse } from "./evidence-items.schema";

/**
 * The numbered evidence items of an indicator (Pemdi `L2-01`, with the portal code): the checklist
 * with the evidence linked to each item and the assessor's decision, the status in force under the
 * cumulative rule (core `effectiveEvidenceItems`), linking evidence to an item, and the decision.
 */
export const evidenceItemRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;

    /** The readable assessment (404), the indicator (404) and, when given, its item (400 when unknown). */
    const loadIndicator = async (req: FastifyRequest, assessmentId: number, code: string) => {
      const loaded = await loadReadableAssessment(db, req, assessmentId);
      const node = indicatorsOf(loaded.compiled.instrument.tree).find((n) => n.code === code);
      if (!node) throw notFound("indicator");
      return { ...loaded, node };
    };
    const itemOf = (node: Parameters<typeof findEvidenceItem>[0], indicatorCode: string, itemCode: string): LeveledEvidenceItem => {
      const item = findEvidenceItem(node, itemCode);
      if (!item) throw validationError(`params.itemCode: indicator ${indicatorCode} has no evidence item ${itemCode}`, { field: "params.itemCode" });
      return item;
    };
    const checklist = async (req: FastifyRequest, loaded: Awaited<ReturnType<typeof loadIndicator>>) => {
      const { found, scope, node } = loaded;
      const assessmentId = found.assessment.id;
      const [links, reviews] = await Promise.all([evidenceItemLinksOf(db, assessmentId, node.code), evidenceItemReviewsOf(db, assessmentId, node.code)]);
      const statuses = Object.fromEntries(reviews.map((r) => [r.itemCode, r.status as EvidenceItemStatus]));
      const actor = req.auth!.actor;
      const abilities = { link: actor.canWrite && canLinkEvidence(actor, scope, node.code), review: actor.canWrite && canReviewEvidenceItems(actor, scope) };
      return presentEvidenceItems(assessmentId, node.code, effectiveEvidenceItems(node, statuses), links, reviews, abilities);
    };
    /** The link target after the write check (403) and the stage window, with the evidence of the agency (404). */
    const linkTarget = async (req: FastifyRequest, p: z.infer<typeof EvidenceItemLinkParams>) => {
      const loaded = await loadIndicator(req, p.id, p.code);
      const item = itemOf(loaded.node, p.code, p.itemCode);
      const { found, scope } = loaded;
      if (!canLinkEvidence(req.auth!.actor, scope, p.code)) throw new AppError(403, "forbidden", "you may not change the evidence of this indicator in the current stage");
      assertStageWindowOpen(found.period.schedule, scope.stage);
      if (!(await findEvidence(db, found.assessment.agencyId, p.evidenceId))) throw notFound("evidence");
      return { loaded, link: { agencyId: found.assessment.agencyId, assessmentId: p.id, indicatorCode: p.code, itemCode: item.code, evidenceId: p.evidenceId, stage: scope.stage } };
    };

    app.get(
      "/api/assessments/:id/answers/:code/evidence-items",
      { config: { access: "authenticated" }, schema: { summary: "An indicator's evidence items per level with linked evidence, decisions and the status in force", tags: ["evidence"], params: AnswerParams, response: { 200: EvidenceItemsResponse } } },
      async (req) => checklist(req, await loadIndicator(req, req.params.id, req.params.code)),
    );

    app.put(
      "/api/assessments/:id/answers/:code/evidence-items/:itemCode/evidence/:evidenceId",
      {
        config: { access: "authenticated" },
        schema: { summary: "Link a piece of evidence to an evidence item (and to the indicator when it is not yet)", tags: ["evidence"], params: EvidenceItemLinkParams, response: { 200: EvidenceItemsResponse, 201: EvidenceItemsResponse } },
      },
      async (req, reply) => {
        const { loaded, link } = await linkTarget(req, req.params);
        const created = await linkEvidenceItem(db, auditContextOf(req), link);
        return reply.status(created ? 201 : 200).send(await checklist(req, loaded));
      },
    );

    app.delete(
      "/api/assessments/:id/answers/:code/evidence-items/:itemCode/evidence/:evidenceId",
      { config: { access: "authenticated" }, schema: { summary: "Unlink a piece of evidence from an evidence item (409 stage_closed for a link of an earlier stage)", tags: ["evidence"], params: EvidenceItemLinkParams, response: { 204: z.null() } } },
      async (req, reply) => {
        const { link } = await linkTarget(req, req.params);
        const removed = await unlinkEvidenceItem(db, auditContextOf(req), link);
        if (removed.outcome === "missing") throw notFound("link");
        if (removed.outcome === "closed_stage") throw new AppError(409, "stage_closed", `this evidence was linked to the item during the ${removed.stage} stage, which is closed`);
        return reply.status(204).send(null);
      },
    );

    app.put(
      "/api/assessments/:id/answers/:code/evidence-items/:itemCode/review",
      {
        config: { access: "authenticated" },
        schema: {
          summary: "The assessor's decision on an evidence item: diterima, revisi or ditolak with a note (409 review_changed when another decision was saved first)",
          tags: ["evidence"],
          params: EvidenceItemParams,
          body: EvidenceItemReviewBody,
          response: { 200: EvidenceItemsResponse },
        },
      },
      async (req) => {
        const loaded = await loadIndicator(req, req.params.id, req.params.code);
        const item = itemOf(loaded.node, req.params.code, req.params.itemCode);
        const { found, scope } = loaded;
        if (!canReviewEvidenceItems(req.auth!.actor, scope)) throw new AppError(403, "forbidden", "only the assessors of the open verification stage decide on evidence items");
        assertStageWindowOpen(found.period.schedule, scope.stage);
        const saved = await reviewEvidenceItem(db, auditContextOf(req), {
          agencyId: found.assessment.agencyId,
          assessmentId: found.assessment.id,
          indicatorCode: req.params.code,
          itemCode: item.code,
          status: req.body.status,
          note: req.body.note || null,
          stage: scope.stage,
          expectedVersion: req.body.expectedVersion,
        });
        if (saved.outcome === "stale") throw new AppError(409, "review_changed", "another decision on this item was saved first; reload and decide again", { version: saved.version });
        return checklist(req, loaded);
      },
    );
  };
