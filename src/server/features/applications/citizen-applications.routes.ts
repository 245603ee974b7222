import multipart from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { describeCase, isDataField, type FormDefinition, type FormField, type FileField } from "../../../core";
import { addApplicationFile, ApplicationCommandError, actOnApplication, createApplicationDraft, markCitizenNotificationsRead, saveApplicationDraft } from "../../../db/commands/applications";
import { applicationByTracking, applicationFilesOf, applicationHistory, citizenApplication, citizenNotificationsOf, formVersionById, listCitizenApplications, publishedFormOfService } from "../../../db/queries/applications";
import type { AuditContext } from "../../../db/audit/record-audit";
import { evidenceKey, stageUpload, UnsupportedUploadTypeError, UploadTooLargeError } from "../../../lib/storage";
import { evidenceFileName } from "../../../lib/file-type";
import type { AppContext } from "../../context";
import { AppError, notFound } from "../../errors";
import type { ErrorCode } from "../../error-codes";
import { requireCitizen } from "../../citizens/citizen-auth";
import { storableUserAgent } from "../../request-audit";
import { evidenceSettingsOf } from "../evidence/evidence-settings";
import { readUpload, uploadFailure } from "../evidence/multipart-upload";
import { calendarOfAgency, checkAnswers, defaultWorkflow, engineStep, newTracking, nowOf, sha256, todayOf, workflowOf } from "./applications-runtime";
import { correctionReason, presentCase, presentFile, presentForm, presentHistory, presentSummary } from "./applications.presenter";
import { notifyCitizenOutside } from "./citizen-notices";
import { productPdfFor } from "./application-product";
import {
  ApplicationList,
  ApplicationParams,
  CitizenApplicationDetail,
  CitizenNotificationList,
  DraftBody,
  FileFields,
  FileResponse,
  PublishedForm,
  ReasonBody,
  ServiceIdParams,
  StartBody,
  StartResponse,
  SubmitResponse,
  TrackBody,
  TrackResponse,
} from "./applications.schema";

/** Finds a file field anywhere in a form (inside groups too) by its key. */
export function fileFieldOf(fields: readonly FormField[], key: string): FileField | undefined {
  for (const f of fields) {
    if (f.type === "group") {
      const inner = fileFieldOf(f.fields, key);
      if (inner) return inner;
    } else if (isDataField(f) && f.type === "file" && f.key === key) return f;
  }
  return undefined;
}

/** A command's refusal as the API's error. */
export function applicationRefusal(e: unknown): never {
  if (!(e instanceof ApplicationCommandError)) throw e;
  switch (e.reason) {
    case "not_found":
      throw notFound("application");
    case "not_draft":
      throw new AppError(409, "application_not_editable", `the application is no longer a draft (state ${String(e.details.state)})`, { state: e.details.state });
    case "no_published_form":
      throw new AppError(409, "no_published_form", "the service has no published application form");
    case "form_version_exists":
      throw new AppError(409, "form_version_exists", `form ${String(e.details.formId)} already has version ${String(e.details.version)}`, { version: e.details.version });
    case "too_many_files":
      throw new AppError(409, "too_many_files", "too many files for this field", { max: e.details.max });
    case "refused": {
      const d = e.details as { code: string; status: number; message: string };
      throw new AppError(d.status, d.code as ErrorCode, d.message, { refusal: d.code });
    }
  }
}

const citizenAudit = (req: FastifyRequest, citizenId: string): AuditContext => ({ actorUserId: null, actorLabel: `warga:${citizenId}`, ip: req.ip ?? null, userAgent: storableUserAgent(req) });

/**
 * The citizen's side of online applications (`access: "citizen"`): start from a catalogue service
 * with a published form, autosave the draft, attach files (evidence upload rules), submit (every
 * field error at once), follow the case, correct when asked, withdraw, download the product; plus
 * tracking without sign-in by tracking number and check value (status only).
 */
export const citizenApplicationRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;
    const { storage } = evidenceSettingsOf(ctx);
    await app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024 + 1, files: 1, fields: 5, fieldSize: 1024, parts: 6, headerPairs: 50 } });

    const load = async (citizenId: string, id: string) => {
      const row = await citizenApplication(db, citizenId, id);
      if (!row) throw notFound("application");
      const form = (await formVersionById(db, row.application.formVersionId))!;
      return { row, form, def: form.definition as FormDefinition };
    };

    const detail = async (citizenId: string, id: string) => {
      const { row, form } = await load(citizenId, id);
      const [files, history] = await Promise.all([applicationFilesOf(db, id), applicationHistory(db, id)]);
      const wf = workflowOf(row.application.workflowId, row.application.workflowVersion);
      const now = nowOf(ctx).toISOString();
      const view = history.length ? describeCase(wf, history, { calendar: calendarOfAgency(ctx, row.agencyCode), now: maxIso(now, history[history.length - 1]!.at), actor: { id: `c:${citizenId}`, roles: ["pemohon"] } }) : null;
      return {
        application: presentSummary(row),
        data: row.application.data as Record<string, unknown>,
        form: presentForm(form),
        files: files.map(presentFile),
        history: presentHistory(history),
        ...presentCase(view),
        correctionReason: correctionReason(history, row.application.paused),
      };
    };

    app.get(
      "/api/public/services/:serviceId/form",
      { config: { access: "public" }, schema: { operationId: "getServiceForm", summary: "The service's published application form, if it has one", tags: ["applications"], params: ServiceIdParams, response: { 200: PublishedForm } } },
      async (req) => {
        const f = await publishedFormOfService(db, req.params.serviceId);
        return { form: f ? presentForm(f) : null };
      },
    );

    app.post(
      "/api/citizen/applications",
      { config: { access: "citizen" }, schema: { operationId: "startApplication", summary: "Start a draft application for a service with a published form", tags: ["applications"], body: StartBody, response: { 201: StartResponse } } },
      async (req, reply) => {
        const c = requireCitizen(req);
        const wf = defaultWorkflow();
        const id = await createApplicationDraft(db, { citizenId: c.id, serviceId: req.body.serviceId, workflowId: wf.id, workflowVersion: wf.version }).catch(applicationRefusal);
        return reply.status(201).send({ id });
      },
    );

    app.get(
      "/api/citizen/applications",
      { config: { access: "citizen" }, schema: { operationId: "listMyApplications", summary: "The citizen's applications (Permohonan saya)", tags: ["applications"], response: { 200: ApplicationList } } },
      async (req) => ({ applications: (await listCitizenApplications(db, requireCitizen(req).id)).map(presentSummary) }),
    );

    app.get(
      "/api/citizen/applications/:id",
      { config: { access: "citizen" }, schema: { operationId: "getMyApplication", summary: "One of the citizen's applications: answers, status, deadlines, history", tags: ["applications"], params: ApplicationParams, response: { 200: CitizenApplicationDetail } } },
      async (req) => detail(requireCitizen(req).id, req.params.id),
    );

    app.put(
      "/api/citizen/applications/:id/draft",
      { config: { access: "citizen" }, schema: { operationId: "saveApplicationDraft", summary: "Autosave a draft's answers (checked only on submission)", tags: ["applications"], params: ApplicationParams, body: DraftBody, response: { 204: z.null() } } },
      async (req, reply) => {
        await saveApplicationDraft(db, requireCitizen(req).id, req.params.id, req.body.data).catch(applicationRefusal);
        return reply.status(204).send(null);
      },
    );

    app.post(
      "/api/citizen/applications/:id/files",
      {
        config: { access: "citizen" },
        schema: {
          operationId: "attachApplicationFile",
          summary: "Attach a file to a file field (multipart: the text field `field`, then the file); checked by content and the field's size limit, nothing is stored when refused",
          tags: ["applications"],
          consumes: ["multipart/form-data"],
          params: ApplicationParams,
          response: { 201: FileResponse },
        },
      },
      async (req, reply) => {
        const c = requireCitizen(req);
        const { row, def } = await load(c.id, req.params.id);
        if (row.application.state !== "draft" && !row.application.paused) throw new AppError(409, "application_not_editable", "files are attached to a draft or while a correction is asked for", { state: row.application.state });
        const upload = await readUpload(req, FileFields);
        const field = fileFieldOf(def.fields, upload.fields.field);
        if (!field) {
          upload.file.destroy();
          throw new AppError(400, "validation_error", `field: ${upload.fields.field} is not a file field of this form`, { field: "field" });
        }
        const limit = field.maxSizeMb * 1024 * 1024;
        let staged;
        try {
          staged = await stageUpload(upload.file, storage.tempDir, limit);
        } catch (e) {
          if (e instanceof UploadTooLargeError) {
            if (!req.raw.readableEnded) reply.header("connection", "close");
            throw new AppError(400, "attachment_too_large", `${field.key}: larger than ${field.maxSizeMb} MB`, { field: field.key, limitMegabytes: field.maxSizeMb });
          }
          if (e instanceof UnsupportedUploadTypeError) throw new AppError(400, "attachment_type", `${field.key}: not an accepted file type (checked by content)`, { field: field.key, accepted: field.accept });
          throw uploadFailure(e, req, reply);
        }
        try {
          if (!field.accept.includes(staged.contentType)) throw new AppError(400, "attachment_type", `${field.key}: ${staged.contentType} is not accepted`, { field: field.key, accepted: field.accept });
          const key = evidenceKey(row.agencyCode, staged.sha256);
          await storage.put(key, staged);
          // A put whose row then fails is swept as an unreferenced object (evidence-sweep), never served.
          const name = evidenceFileName(upload.fileName, staged.fileType);
          const id = await addApplicationFile(db, c.id, req.params.id, { fieldKey: field.key, storageKey: key, name, size: staged.size, mediaType: staged.contentType, sha256: staged.sha256, maxFiles: field.maxFiles ?? 1 }).catch(applicationRefusal);
          return reply.status(201).send({ ref: id, name, size: staged.size, type: staged.contentType });
        } finally {
          await staged.discard();
        }
      },
    );

    app.post(
      "/api/citizen/applications/:id/submit",
      {
        config: { access: "citizen" },
        schema: {
          operationId: "submitApplication",
          summary: "Submit a draft: every field error at once (400 application_invalid, details.errors), else the case starts; answers the tracking number and its check value (shown once)",
          tags: ["applications"],
          params: ApplicationParams,
          body: DraftBody,
          response: { 201: SubmitResponse },
        },
      },
      async (req, reply) => {
        const c = requireCitizen(req);
        const { row, def } = await load(c.id, req.params.id);
        const today = todayOf(ctx);
        const files = await applicationFilesOf(db, req.params.id);
        const checked = checkAnswers(def, req.body.data, files, today);
        if (!checked.ok) throw new AppError(400, "application_invalid", `${checked.errors.length} answer(s) need attention`, { errors: checked.errors, count: checked.errors.length });
        const tracking = newTracking(today);
        const at = nowOf(ctx).toISOString();
        const done = await actOnApplication(db, citizenAudit(req, c.id), req.params.id, { citizenId: c.id }, (locked) => {
          if (locked.state !== "draft") return { ok: false, refusal: { code: "application_not_editable", status: 409, message: `already submitted (state ${locked.state})` } };
          const wf = workflowOf(locked.workflowId, locked.workflowVersion);
          return engineStep(wf, [], { action: "start", actor: { id: `c:${c.id}`, roles: ["pemohon"] }, at }, { ctx, agencyCode: row.agencyCode }, { data: checked.values, trackingNumber: tracking.trackingNumber, checkHash: sha256(tracking.check), notifyCitizen: true });
        }).catch(applicationRefusal);
        await notifyCitizenOutside(ctx, c, { kind: "submitted", trackingNumber: tracking.trackingNumber, serviceName: row.serviceName, check: tracking.check });
        return reply.status(201).send({ id: req.params.id, trackingNumber: tracking.trackingNumber, check: tracking.check, state: done.transition.to });
      },
    );

    const citizenAction = (action: "resubmit" | "withdraw") => async (req: FastifyRequest, withData: Record<string, unknown> | null, reason: string | undefined) => {
      const c = requireCitizen(req);
      const { row, def } = await load(c.id, (req.params as { id: string }).id);
      const id = row.application.id;
      let values: Record<string, unknown> | undefined;
      if (withData) {
        const checked = checkAnswers(def, withData, await applicationFilesOf(db, id), todayOf(ctx));
        if (!checked.ok) throw new AppError(400, "application_invalid", `${checked.errors.length} answer(s) need attention`, { errors: checked.errors, count: checked.errors.length });
        values = checked.values;
      }
      const at = nowOf(ctx).toISOString();
      await actOnApplication(db, citizenAudit(req, c.id), id, { citizenId: c.id }, (locked) =>
        engineStep(workflowOf(locked.workflowId, locked.workflowVersion), locked.history, { action, actor: { id: `c:${c.id}`, roles: ["pemohon"] }, at: maxIso(at, locked.history.at(-1)?.at ?? at), reason }, { ctx, agencyCode: row.agencyCode }, values ? { data: values, notifyCitizen: true } : {}, def),
      ).catch(applicationRefusal);
      return detail(c.id, id);
    };
    const resubmit = citizenAction("resubmit");
    const withdraw = citizenAction("withdraw");

    app.post(
      "/api/citizen/applications/:id/resubmit",
      { config: { access: "citizen" }, schema: { operationId: "resubmitApplication", summary: "Send the correction the officer asked for (answers checked again, every error at once)", tags: ["applications"], params: ApplicationParams, body: DraftBody, response: { 200: CitizenApplicationDetail } } },
      async (req) => resubmit(req, req.body.data, undefined),
    );

    app.post(
      "/api/citizen/applications/:id/withdraw",
      { config: { access: "citizen" }, schema: { operationId: "withdrawApplication", summary: "Withdraw the application (while the workflow allows it)", tags: ["applications"], params: ApplicationParams, body: ReasonBody, response: { 200: CitizenApplicationDetail } } },
      async (req) => withdraw(req, null, req.body.reason),
    );

    app.get(
      "/api/citizen/applications/:id/product",
      { config: { access: "citizen" }, schema: { operationId: "downloadApplicationProduct", summary: "The service product (PDF) of an approved application", tags: ["applications"], params: ApplicationParams } },
      async (req, reply) => {
        const c = requireCitizen(req);
        const { row } = await load(c.id, req.params.id);
        if (!row.application.productDocumentId) throw notFound("product");
        const pdf = await productPdfFor(ctx, row.application.id);
        if (!pdf) throw notFound("product");
        return reply.header("content-type", "application/pdf").header("content-disposition", `attachment; filename="${row.application.trackingNumber}.pdf"`).send(pdf);
      },
    );

    app.get(
      "/api/citizen/notifications",
      { config: { access: "citizen" }, schema: { operationId: "listCitizenNotifications", summary: "The citizen's in-app notifications, newest first", tags: ["applications"], response: { 200: CitizenNotificationList } } },
      async (req) => ({
        notifications: (await citizenNotificationsOf(db, requireCitizen(req).id)).map((n) => ({ id: n.id, kind: n.kind, payload: n.payload as Record<string, unknown>, applicationId: n.applicationId, createdAt: n.createdAt.toISOString(), read: n.readAt !== null })),
      }),
    );

    app.post(
      "/api/citizen/notifications/read",
      { config: { access: "citizen" }, schema: { operationId: "readCitizenNotifications", summary: "Mark every notification read", tags: ["applications"], response: { 204: z.null() } } },
      async (req, reply) => {
        await markCitizenNotificationsRead(db, requireCitizen(req).id);
        return reply.status(204).send(null);
      },
    );

    app.post(
      "/api/public/applications/track",
      {
        config: { access: "public", rateLimit: { max: 30, timeWindow: 60_000 } },
        schema: { operationId: "trackApplication", summary: "Track an application by tracking number and check value, without signing in: status only (wrong pair: 404)", tags: ["applications"], body: TrackBody, response: { 200: TrackResponse } },
      },
      async (req) => {
        const row = await applicationByTracking(db, req.body.trackingNumber);
        if (!row || !row.checkHash || row.checkHash !== sha256(req.body.check)) throw notFound("application");
        return { trackingNumber: req.body.trackingNumber, service: row.serviceName, agency: row.agencyName, state: row.state, terminal: row.terminal, paused: row.paused, stateDeadline: row.stateDeadline, caseDeadline: row.caseDeadline, submittedAt: row.submittedAt?.toISOString() ?? null, closedAt: row.closedAt?.toISOString() ?? null };
      },
    );
  };

/** The later of two ISO instants (a transition may not go before the last one). */
export const maxIso = (a: string, b: string) => (Date.parse(a) >= Date.parse(b) ? a : b);
