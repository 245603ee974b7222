import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context";
import { notFound } from "../../errors";
import { auditContextOf } from "../../request-audit";
import { addActionComment, createAction, deleteAction, linkActionEvidence, unlinkActionEvidence, updateAction } from "../../../db/commands/improvement-actions";
import { findEvidence } from "../../../db/queries/evidence";
import { planningLoaders } from "./load-planning";
import { ActionBody, ActionEvidenceBody, ActionEvidenceParams, ActionPatch, ActionResponse, CommentBody, IdParams } from "./planning.schema";

/**
 * Improvement actions under a recommendation, their comments and progress evidence. Written by the
 * agency's Koordinator SPBE and Penanggung Jawab; evidence comes from the same agency's library.
 */
export const actionRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;
    const load = planningLoaders(db);
    const one = async (id: number) => (await load.actionViews([id]))[0]!;

    app.post(
      "/api/recommendations/:id/actions",
      { config: { access: "authenticated" }, schema: { summary: "Add an action to a recommendation", tags: ["planning"], params: IdParams, body: ActionBody, response: { 201: ActionResponse } } },
      async (req, reply) => {
        const rec = await load.readableRecommendation(req, req.params.id);
        load.requireActionManager(req, rec.agencyId);
        await load.checkUnit(rec.agencyId, req.body.ownerUnitId);
        const row = await createAction(db, auditContextOf(req), { ...req.body, recommendationId: rec.id, agencyId: rec.agencyId });
        return reply.status(201).send(await one(row.id));
      },
    );

    app.patch(
      "/api/actions/:id",
      { config: { access: "authenticated" }, schema: { summary: "Change an action (status, owner, due date, target, budget)", tags: ["planning"], params: IdParams, body: ActionPatch, response: { 200: ActionResponse } } },
      async (req) => {
        const action = await load.manageableAction(req, req.params.id);
        await load.checkUnit(action.agencyId, req.body.ownerUnitId);
        await updateAction(db, auditContextOf(req), action, req.body);
        return one(action.id);
      },
    );

    app.delete(
      "/api/actions/:id",
      { config: { access: "authenticated" }, schema: { summary: "Remove an action", tags: ["planning"], params: IdParams, response: { 204: z.null() } } },
      async (req, reply) => {
        await deleteAction(db, auditContextOf(req), await load.manageableAction(req, req.params.id));
        return reply.status(204).send(null);
      },
    );

    app.post(
      "/api/actions/:id/comments",
      { config: { access: "authenticated" }, schema: { summary: "Comment on an action's progress", tags: ["planning"], params: IdParams, body: CommentBody, response: { 201: ActionResponse } } },
      async (req, reply) => {
        const action = await load.manageableAction(req, req.params.id);
        await addActionComment(db, auditContextOf(req), action, req.body.body);
        return reply.status(201).send(await one(action.id));
      },
    );

    app.post(
      "/api/actions/:id/evidence",
      {
        config: { access: "authenticated" },
        schema: { summary: "Link progress evidence from the agency's library to an action", tags: ["planning"], params: IdParams, body: ActionEvidenceBody, response: { 200: ActionResponse, 201: ActionResponse } },
      },
      async (req, reply) => {
        const action = await load.manageableAction(req, req.params.id);
        if (!(await findEvidence(db, action.agencyId, req.body.evidenceId))) throw notFound("evidence");
        const created = await linkActionEvidence(db, auditContextOf(req), action, req.body.evidenceId);
        return reply.status(created ? 201 : 200).send(await one(action.id));
      },
    );

    app.delete(
      "/api/actions/:id/evidence/:evidenceId",
      { config: { access: "authenticated" }, schema: { summary: "Unlink progress evidence from an action", tags: ["planning"], params: ActionEvidenceParams, response: { 204: z.null() } } },
      async (req, reply) => {
        const action = await load.manageableAction(req, req.params.id);
        if (!(await unlinkActionEvidence(db, auditContextOf(req), action, req.params.evidenceId))) throw notFound("link");
        return reply.status(204).send(null);
      },
    );
  };
