import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { describeCase, officerRolesOf, slaStatusOn, validateForm, type FormDefinition } from "../../../core";
import { actOnApplication, logApplicationAccess, publishFormVersion, uploadFormVersion, ApplicationCommandError } from "../../../db/commands/applications";
import { agencyIdsByCode } from "../../../db/queries/agency-ids";
import { agencyApplication, applicationAccessRows, applicationFile, applicationFilesOf, applicationHistory, formVersionById, listAgencyFormVersions, officerQueue, serviceApplicationStats } from "../../../db/queries/applications";
import { findCitizen } from "../../../db/queries/citizens";
import type { AppContext } from "../../context";
import { AppError, notFound } from "../../errors";
import { originOf } from "../../public-origin";
import { auditContextOf } from "../../request-audit";
import { agencyRolesOf, canWorkApplications } from "../../policies/application.policy";
import { AgencyCodeParams } from "../agencies/agencies.schema";
import { evidenceSettingsOf } from "../evidence/evidence-settings";
import { calendarOfAgency, defaultWorkflow, engineStep, nowOf, todayOf, workflowOf } from "./applications-runtime";
import { correctionReason, presentCase, presentFile, presentForm, presentHistory, presentSummary } from "./applications.presenter";
import { applicationRefusal, maxIso } from "./citizen-applications.routes";
import { notifyCitizenOutside } from "./citizen-notices";
import { issueProduct } from "./application-product";
import { deleteFormDraft, updateFormDraft } from "../../../db/commands/form-drafts";
import { ActionBody, ActionResponse, AgencyApplicationParams, AgencyFileParams, BulkBody, BulkResponse, FormDefinitionBody, FormSaved, FormVersionList, FormVersionParams, OfficerApplicationDetail, QueueQuery, QueueResponse, StatsResponse } from "./applications.schema";
import { z } from "zod";

/**
 * The officer workbench (`/layanan-masuk`): an agency's queue per workflow role and SLA status, the
 * application detail (each view logged), claim / act / bulk act through the workflow engine (every
 * transition with its audit row in one transaction; refusals carry the engine's code and status),
 * the agency's forms (upload a version, save a draft from the builder, publish) and per-service figures for evidence. Only the
 * agency's petugas_layanan / pejabat_layanan; anyone else and any other agency: 404.
 */
export const officerApplicationRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;
    const { storage } = evidenceSettingsOf(ctx);

    const agencyOf = async (req: FastifyRequest, code: string) => {
      const id = (await agencyIdsByCode(db, [code])).get(code);
      if (id === undefined || !canWorkApplications(req.auth!.actor, id)) throw notFound("agency");
      return id;
    };
    const rolesFor = (req: FastifyRequest, agencyId: number) => officerRolesOf(defaultWorkflow(), agencyRolesOf(req.auth!.actor, agencyId));

    app.get(
      "/api/agencies/:code/applications",
      { config: { access: "authenticated" }, schema: { operationId: "applicationQueue", summary: "The officers' queue: open applications, most urgent first, by SLA status, service, state and role", tags: ["applications"], params: AgencyCodeParams, querystring: QueueQuery, response: { 200: QueueResponse } } },
      async (req) => {
        const agencyId = await agencyOf(req, req.params.code);
        const today = todayOf(ctx);
        const myRoles = rolesFor(req, agencyId);
        const q = req.query;
        const rows = await officerQueue(db, agencyId, today, {
          sla: q.sla,
          serviceId: q.serviceId,
          state: q.state,
          ...(q.scope === "mine" ? { claimedBy: req.auth!.user.id } : {}),
          ...(q.scope === "role" ? { roles: myRoles } : {}),
        });
        return {
          today,
          myRoles,
          items: rows.map((r) => ({
            id: r.id,
            trackingNumber: r.trackingNumber,
            service: { id: r.serviceId, name: r.serviceName },
            state: r.state,
            sla: slaStatusOn(r, today),
            paused: r.paused,
            claimedBy: r.claimedByUserId === null ? null : { id: r.claimedByUserId, name: r.claimedByName },
            stateRoles: r.stateRoles,
            stateDeadline: r.stateDeadline,
            caseDeadline: r.caseDeadline,
            submittedAt: r.submittedAt?.toISOString() ?? null,
          })),
        };
      },
    );

    app.get(
      "/api/agencies/:code/applications/:id",
      { config: { access: "authenticated" }, schema: { operationId: "getAgencyApplication", summary: "An application with its answers, files, history and the actions open to me (the view is logged)", tags: ["applications"], params: AgencyApplicationParams, response: { 200: OfficerApplicationDetail } } },
      async (req) => {
        const agencyId = await agencyOf(req, req.params.code);
        const row = await agencyApplication(db, agencyId, req.params.id);
        if (!row) throw notFound("application");
        await logApplicationAccess(db, row.application.id, req.auth!.user.id, "detail");
        const [form, files, history, access] = await Promise.all([formVersionById(db, row.application.formVersionId), applicationFilesOf(db, row.application.id), applicationHistory(db, row.application.id), applicationAccessRows(db, row.application.id)]);
        const wf = workflowOf(row.application.workflowId, row.application.workflowVersion);
        const myRoles = rolesFor(req, agencyId);
        const now = nowOf(ctx).toISOString();
        const view = describeCase(wf, history, { calendar: calendarOfAgency(ctx, row.agencyCode), now: maxIso(now, history.at(-1)!.at), actor: { id: `u:${req.auth!.user.id}`, roles: myRoles } });
        return {
          application: presentSummary(row),
          data: row.application.data as Record<string, unknown>,
          form: presentForm(form!),
          files: files.map(presentFile),
          history: presentHistory(history),
          ...presentCase(view),
          correctionReason: correctionReason(history, row.application.paused),
          access: access.map((a) => ({ at: a.at.toISOString(), what: a.what, userName: a.userName })),
          myRoles,
          claimedBy: row.application.claimedByUserId,
        };
      },
    );

    app.get(
      "/api/agencies/:code/applications/:id/files/:fileId",
      { config: { access: "authenticated" }, schema: { operationId: "downloadApplicationFile", summary: "An attachment of an application (the view is logged)", tags: ["applications"], params: AgencyFileParams } },
      async (req, reply) => {
        const agencyId = await agencyOf(req, req.params.code);
        const row = await agencyApplication(db, agencyId, req.params.id);
        const file = row ? await applicationFile(db, row.application.id, req.params.fileId) : undefined;
        if (!row || !file) throw notFound("file");
        await logApplicationAccess(db, row.application.id, req.auth!.user.id, `file:${file.id}`);
        const stream = await storage.open(file.storageKey);
        return reply.header("content-type", file.mediaType).header("content-disposition", `attachment; filename="${file.name.replace(/["\\\r\n]/g, "_")}"`).header("x-content-type-options", "nosniff").send(stream);
      },
    );

    /** One action on one application; answers the new state or throws the refusal. */
    const act = async (req: FastifyRequest, agencyId: number, agencyCode: string, id: string, action: string, reason: string | undefined) => {
      const myRoles = rolesFor(req, agencyId);
      const at = nowOf(ctx).toISOString();
      // Read before the transaction: nothing inside it may wait for another connection.
      const row = await agencyApplication(db, agencyId, id);
      if (!row) throw new ApplicationCommandError("not_found");
      const form = (await formVersionById(db, row.application.formVersionId))!.definition as FormDefinition;
      return actOnApplication(db, auditContextOf(req), id, { agencyId }, (locked) => {
        if (locked.state === "draft") return { ok: false, refusal: { code: "not_found", status: 404, message: "application not found" } };
        const wf = workflowOf(locked.workflowId, locked.workflowVersion);
        return engineStep(wf, locked.history, { action, actor: { id: `u:${req.auth!.user.id}`, roles: myRoles }, at: maxIso(at, locked.history.at(-1)?.at ?? at), reason }, { ctx, agencyCode }, action !== "claim" && action !== "release" ? { notifyCitizen: true } : {}, form);
      });
    };

    const afterAct = async (req: FastifyRequest, done: Awaited<ReturnType<typeof act>>, agencyCode: string) => {
      const t = done.transition;
      if (t.to === "approved") await issueProduct(ctx, auditContextOf(req), done.application.id, originOf(ctx, req));
      if (t.action !== "claim" && t.action !== "release") {
        const citizen = await findCitizen(db, done.application.citizenId);
        const row = await agencyApplication(db, done.application.agencyId, done.application.id);
        if (citizen && row) await notifyCitizenOutside(ctx, citizen, { kind: t.action, trackingNumber: row.application.trackingNumber, serviceName: row.serviceName, reason: t.reason ?? null });
      }
      void agencyCode;
    };

    app.post(
      "/api/agencies/:code/applications/:id/actions",
      {
        config: { access: "authenticated" },
        schema: {
          operationId: "actOnApplication",
          summary: "Take a workflow action (claim, release, request_correction, verify, approve, reject …); refusals: 409/403/400 with the engine's code",
          tags: ["applications"],
          params: AgencyApplicationParams,
          body: ActionBody,
          response: { 200: ActionResponse },
        },
      },
      async (req) => {
        const agencyId = await agencyOf(req, req.params.code);
        const done = await act(req, agencyId, req.params.code, req.params.id, req.body.action, req.body.reason).catch(applicationRefusal);
        await afterAct(req, done, req.params.code);
        return { state: done.step.columns.state, claimedBy: done.step.columns.claimedByUserId };
      },
    );

    app.post(
      "/api/agencies/:code/applications/bulk",
      { config: { access: "authenticated" }, schema: { operationId: "bulkActOnApplications", summary: "The same action on many applications, each checked by the engine; failures reported per item", tags: ["applications"], params: AgencyCodeParams, body: BulkBody, response: { 200: BulkResponse } } },
      async (req) => {
        const agencyId = await agencyOf(req, req.params.code);
        const results = [];
        for (const id of [...new Set(req.body.ids)]) {
          try {
            const done = await act(req, agencyId, req.params.code, id, req.body.action, req.body.reason);
            await afterAct(req, done, req.params.code);
            results.push({ id, ok: true, error: null, state: done.step.columns.state });
          } catch (e) {
            if (!(e instanceof ApplicationCommandError)) throw e;
            results.push({ id, ok: false, error: e.reason === "refused" ? String(e.details.code) : e.reason, state: null });
          }
        }
        return { results };
      },
    );

    // Forms of the agency: list, upload a version (validated by the core), publish.
    app.get(
      "/api/agencies/:code/forms",
      { config: { access: "authenticated" }, schema: { operationId: "listAgencyForms", summary: "The agency's application forms, every version", tags: ["applications"], params: AgencyCodeParams, response: { 200: FormVersionList } } },
      async (req) => {
        const agencyId = await agencyOf(req, req.params.code);
        return { forms: (await listAgencyFormVersions(db, agencyId)).map((r) => ({ ...presentForm(r.v), serviceName: r.serviceName, createdAt: r.v.createdAt.toISOString(), publishedAt: r.v.publishedAt?.toISOString() ?? null, createdBy: r.createdByName })) };
      },
    );

    /** The definition checked by the core (400 `form_invalid` with every problem and its path), for this agency. */
    const checkedForm = (definition: unknown, code: string): FormDefinition => {
      const v = validateForm(definition);
      if (!v.ok) throw new AppError(400, "form_invalid", `${v.problems.length} problem(s) in the form definition`, { problems: v.problems });
      if (v.form.agency && v.form.agency !== code) throw new AppError(400, "form_invalid", "the form names another agency", { problems: [{ path: "agency", code: "agency_mismatch" }] });
      return v.form;
    };
    const notDraft = (e: unknown): never => {
      if (e instanceof ApplicationCommandError && e.reason === "not_draft") throw new AppError(409, "form_not_draft", "only a draft is changed or published", { status: e.details.status });
      if (e instanceof ApplicationCommandError && e.reason === "not_found") throw notFound("form");
      return applicationRefusal(e);
    };

    app.post(
      "/api/agencies/:code/forms",
      {
        config: { access: "authenticated" },
        schema: { operationId: "uploadFormVersion", summary: "Upload a new version of a form as a draft (400 form_invalid listing every problem with its path)", tags: ["applications"], params: AgencyCodeParams, body: FormDefinitionBody, response: { 201: FormSaved } },
      },
      async (req, reply) => {
        const agencyId = await agencyOf(req, req.params.code);
        const form = checkedForm(req.body.definition, req.params.code);
        const created = await uploadFormVersion(db, auditContextOf(req), agencyId, form).catch(applicationRefusal);
        return reply.status(201).send(created);
      },
    );

    app.put(
      "/api/agencies/:code/forms/:formVersionId",
      {
        config: { access: "authenticated" },
        schema: { operationId: "updateFormDraft", summary: "Save the definition of a draft form version (the form builder); its form id and version stay; 400 form_invalid with paths, 409 form_not_draft", tags: ["applications"], params: FormVersionParams, body: FormDefinitionBody, response: { 200: FormSaved } },
      },
      async (req) => {
        const agencyId = await agencyOf(req, req.params.code);
        const form = checkedForm(req.body.definition, req.params.code);
        return updateFormDraft(db, auditContextOf(req), agencyId, req.params.formVersionId, form).catch(notDraft);
      },
    );

    app.delete(
      "/api/agencies/:code/forms/:formVersionId",
      {
        config: { access: "authenticated" },
        schema: { operationId: "deleteFormDraft", summary: "Delete a draft form version (409 form_not_draft for a published one)", tags: ["applications"], params: FormVersionParams, response: { 204: z.null() } },
      },
      async (req, reply) => {
        const agencyId = await agencyOf(req, req.params.code);
        await deleteFormDraft(db, auditContextOf(req), agencyId, req.params.formVersionId).catch(notDraft);
        return reply.status(204).send(null);
      },
    );

    app.post(
      "/api/agencies/:code/forms/:formVersionId/publish",
      { config: { access: "authenticated" }, schema: { operationId: "publishFormVersion", summary: "Publish a draft form version (new applications use it)", tags: ["applications"], params: FormVersionParams, response: { 204: z.null() } } },
      async (req, reply) => {
        const agencyId = await agencyOf(req, req.params.code);
        await publishFormVersion(db, auditContextOf(req), agencyId, req.params.formVersionId).catch(notDraft);
        return reply.status(204).send(null);
      },
    );

    app.get(
      "/api/agencies/:code/applications-stats",
      { config: { access: "authenticated" }, schema: { operationId: "applicationStats", summary: "Per service: volumes, processing times and SLA compliance (evidence for the integrated-services indicators)", tags: ["applications"], params: AgencyCodeParams, response: { 200: StatsResponse } } },
      async (req) => {
        const agencyId = await agencyOf(req, req.params.code);
        const rows = await serviceApplicationStats(db, agencyId);
        return { services: rows.map((r) => ({ ...r, medianDays: r.medianDays === null ? null : Math.round(Number(r.medianDays) * 10) / 10, slaCompliance: r.closed ? Math.round((r.closedOnTime / r.closed) * 1000) / 10 : null })) };
      },
    );
  };
