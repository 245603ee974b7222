import { createHash, randomBytes } from "node:crypto";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { FastifyRequest } from "fastify";
import { calendarDayAt, checkValueFrom, normaliseTrackingInput, officerRolesOf, trackingNumberFrom, type Refusal, type WorkflowActor } from "../../../core";
import type { AppContext } from "../../context";
import { AppError, invalidField, notFound } from "../../errors";
import { auditContextOf } from "../../request-audit";
import { caughtByHoneypot } from "../../honeypot";
import { workingCalendarOf } from "../../working-calendar";
import { canHandleComplaints, canManageFaq, canReadComplaints, canViewReporterIdentity, complaintRolesOf } from "../../policies/complaint.policy";
import { agencyIdsByCode } from "../../../db/queries/agency-ids";
import { agencyComplaints, citizenComplaints, complaintByTrackingNumber, complaintDetail, serviceFaqEntries } from "../../../db/queries/complaints";
import { agencyServiceWithVersions, listPublicServices } from "../../../db/queries/public-services";
import { actOnComplaint, ComplaintCommandError, fileComplaint, reporterActor, revealReporterIdentity, setLaporTrackingId, type NewAttachment } from "../../../db/commands/complaints";
import { replaceServiceFaq } from "../../../db/commands/service-faqs";
import { detectFileType, evidenceFileName } from "../../../lib/file-type";
import { safeEqual, sha256Hex } from "../../../lib/secure-token";
import { complaintWorkflow, terminalStates } from "./complaint-workflow";
import { caseViewOf, presentDetail, presentSummary, presentTracked } from "./complaints.presenter";
import { windowCounter } from "./agency-window";
import {
  CitizenComplaintActionBody,
  CitizenComplaintList,
  COMPLAINT_ATTACHMENT_MAX_BYTES,
  ComplaintActionBody,
  ComplaintDetail,
  ComplaintInbox,
  ComplaintParams,
  FaqBody,
  FaqDocument,
  FiledComplaint,
  FileComplaintBody,
  IdentityBody,
  InboxQuery,
  LaporBody,
  OfficerFaqDocument,
  PublicFaqParams,
  ReporterActionBody,
  ReporterIdentity,
  ServiceFaqParams,
  TrackBody,
  TrackedComplaint,
} from "./complaints.schema";
import { AgencyCodeParams } from "../agencies/agencies.schema";

/** File types a complaint may carry (by content). */
const ATTACHMENT_TYPES = new Set(["pdf", "png", "jpeg", "docx", "xlsx"]);

function refused(e: unknown): never {
  if (!(e instanceof ComplaintCommandError)) throw e;
  if (e.reason === "refused") {
    const r = e.refusal as Refusal;
    throw new AppError(r.status, r.code, r.message, r.code === "reason_required" ? { field: "reason" } : {});
  }
  if (e.reason === "foreign_unit") throw invalidField("foreign_unit", "dispositionUnitId", "not a unit of this agency", { unit: e.details.unit });
  if (e.reason === "foreign_service") throw invalidField("foreign_service", "serviceId", "not a service of this agency", { service: e.details.service });
  throw invalidField("answer_required", "answer", "the answer to the reporter is required");
}

/**
 * Complaints (SP4N-LAPOR! rules, workflow `pengaduan-lapor`): public intake and tracking with a
 * tracking number and check value, a signed-in citizen's list, and the agency's inbox where its
 * service officers act through the workflow engine. The reporter's identity of a confidential
 * complaint is shown only on request, each view logged. Other agencies: 404.
 */
export const complaintRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;
    const def = complaintWorkflow();
    const terminal = terminalStates(def);
    const now = () => ctx.auth.now?.() ?? new Date();
    const perAgency = windowCounter(200, 60 * 60 * 1000);

    const agencyIdOf = async (code: string) => (await agencyIdsByCode(db, [code])).get(code);
    const readable = async (req: FastifyRequest, code: string) => {
      const id = await agencyIdOf(code);
      if (id === undefined || !canReadComplaints(req.auth!.actor, id)) throw notFound("agency");
      return id;
    };
    const staffActor = (req: FastifyRequest, agencyId: number): WorkflowActor => ({ id: `user:${req.auth!.user.id}`, roles: officerRolesOf(def, complaintRolesOf(req.auth!.actor, agencyId)) });

    const tracked = async (body: { trackingNumber: string; checkValue: string }) => {
      const found = await complaintByTrackingNumber(db, normaliseTrackingInput(body.trackingNumber));
      if (!found || !safeEqual(found.checkHash, sha256Hex(normaliseTrackingInput(body.checkValue)))) throw notFound("complaint");
      return found.id;
    };
    const trackedView = async (id: number) => {
      const r = (await complaintDetail(db, id, null))!;
      const view = caseViewOf(def, r.transitions, workingCalendarOf(ctx, r.agencyCode), now(), reporterActor(null));
      return presentTracked(r, view);
    };

    app.post(
      "/api/public/agencies/:code/complaints",
      {
        config: { access: "public", rateLimit: { max: 30, timeWindow: "1 hour" } },
        bodyLimit: 12 * 1024 * 1024,
        schema: {
          operationId: "fileComplaint",
          summary: "File a complaint with an agency (anonymous or confidential allowed); answers the tracking number and the check value, shown once",
          description:
            "Attachments: base64, at most 3, each at most 2 MB, PDF/PNG/JPEG/DOCX/XLSX by content. 400 attachment_too_large / attachment_type_not_allowed naming `attachments.<i>`; nothing is stored. 429 per IP and per agency.",
          tags: ["complaints"],
          params: AgencyCodeParams,
          body: FileComplaintBody,
          response: { 201: FiledComplaint },
        },
      },
      async (req, reply) => {
        const b = req.body;
        const fake = () => ({ trackingNumber: trackingNumberFrom(randomBytes(10)), checkValue: checkValueFrom(randomBytes(6)) });
        if (caughtByHoneypot(b)) return reply.status(201).send(fake());
        const agencyId = await agencyIdOf(req.params.code);
        if (agencyId === undefined) throw notFound("agency");
        const at = now();
        const limit = perAgency.take(req.params.code, at.getTime());
        if (!limit.ok) throw new AppError(429, "too_many_requests", `too many complaints for this agency; try again in ${limit.retryAfterSeconds} s`, { retryAfterSeconds: limit.retryAfterSeconds });

        const attachments: NewAttachment[] = b.attachments.map((a, i) => {
          const field = `attachments.${i}`;
          const content = Buffer.from(a.contentBase64, "base64");
          if (content.length > COMPLAINT_ATTACHMENT_MAX_BYTES) throw new AppError(400, "attachment_too_large", `${field}: larger than ${COMPLAINT_ATTACHMENT_MAX_BYTES / (1024 * 1024)} MB`, { field, limitMegabytes: COMPLAINT_ATTACHMENT_MAX_BYTES / (1024 * 1024) });
          if (content.length === 0) throw invalidField("file_empty", field, "the file is empty");
          const type = detectFileType(content, true);
          if (type === null || type === "more" || !ATTACHMENT_TYPES.has(type)) throw invalidField("attachment_type_not_allowed", field, "not a PDF, PNG, JPEG, DOCX or XLSX file (decided by its content)");
          return { fileName: evidenceFileName(a.fileName, type), fileType: type, size: content.length, sha256: createHash("sha256").update(content).digest("hex"), content };
        });

        const citizen = b.anonymous ? null : (req.citizenAuth?.citizen ?? null);
        const { trackingNumber, checkValue } = fake();
        await fileComplaint(
          db,
          { ...auditContextOf(req), actorLabel: citizen ? `citizen:${citizen.id}` : "public" },
          def,
          {
            agencyId,
            serviceId: b.serviceId,
            category: b.category,
            title: b.title,
            description: b.description,
            location: b.location || null,
            channel: "web",
            anonymous: b.anonymous,
            confidential: b.confidential,
            reporterName: b.anonymous ? null : (b.name ?? citizen?.name ?? null),
            reporterEmail: b.anonymous ? null : (b.email ?? citizen?.email ?? null),
            reporterPhone: b.anonymous ? null : b.phone,
            citizenId: citizen?.id ?? null,
            trackingNumber,
            checkHash: sha256Hex(checkValue),
            filedOn: calendarDayAt(at.getTime()),
            attachments,
          },
          at,
        ).catch(refused);
        return reply.status(201).send({ trackingNumber, checkValue });
      },
    );

    app.post(
      "/api/public/complaints/track",
      {
        config: { access: "public", rateLimit: { max: 30, timeWindow: "15 minutes" } },
        schema: { operationId: "trackComplaint", summary: "A complaint as its reporter sees it, by tracking number and check value (404 when either is wrong)", tags: ["complaints"], body: TrackBody, response: { 200: TrackedComplaint } },
      },
      async (req) => trackedView(await tracked(req.body)),
    );

    app.post(
      "/api/public/complaints/track/actions",
      {
        config: { access: "public", rateLimit: { max: 30, timeWindow: "15 minutes" } },
        schema: {
          operationId: "actOnTrackedComplaint",
          summary: "The reporter accepts the answer, replies to it, or gives the details asked for (through the workflow engine: 409 when not allowed now)",
          tags: ["complaints"],
          body: ReporterActionBody,
          response: { 200: TrackedComplaint },
        },
      },
      async (req) => {
        const id = await tracked(req.body);
        await actOnComplaint(db, { ...auditContextOf(req), actorLabel: "reporter" }, def, { complaintId: id, agencyId: null, actor: reporterActor(null), userId: null, action: req.body.action, reason: req.body.reason }, now()).catch(refused);
        return trackedView(id);
      },
    );

    app.get(
      "/api/citizen/complaints",
      { config: { access: "citizen" }, schema: { operationId: "listMyComplaints", summary: "The signed-in citizen's complaints", tags: ["complaints"], response: { 200: CitizenComplaintList } } },
      async (req) => {
        const rows = await citizenComplaints(db, req.citizenAuth!.citizen.id);
        return { complaints: rows.map((r) => presentTracked(r, caseViewOf(def, r.transitions, workingCalendarOf(ctx, r.agencyCode), now(), reporterActor(null)))) };
      },
    );

    app.post(
      "/api/citizen/complaints/actions",
      {
        config: { access: "citizen" },
        schema: {
          operationId: "actOnMyComplaint",
          summary: "The signed-in citizen accepts the answer, replies to it, or gives the details asked for, on a complaint of their own (404 for anyone else's; 409 when not allowed now)",
          tags: ["complaints"],
          body: CitizenComplaintActionBody,
          response: { 200: TrackedComplaint },
        },
      },
      async (req) => {
        const citizen = req.citizenAuth!.citizen;
        const found = await complaintByTrackingNumber(db, normaliseTrackingInput(req.body.trackingNumber));
        if (!found || found.citizenId !== citizen.id) throw notFound("complaint");
        await actOnComplaint(db, { ...auditContextOf(req), actorLabel: `citizen:${citizen.id}` }, def, { complaintId: found.id, agencyId: null, actor: reporterActor(citizen.id), userId: null, action: req.body.action, reason: req.body.reason }, now()).catch(refused);
        return trackedView(found.id);
      },
    );

    app.get(
      "/api/agencies/:code/complaints",
      {
        config: { access: "authenticated" },
        schema: { operationId: "listAgencyComplaints", summary: "The agency's complaint inbox, filtered by SLA state (computed with the agency's working calendar) or workflow state", tags: ["complaints"], params: AgencyCodeParams, querystring: InboxQuery, response: { 200: ComplaintInbox } },
      },
      async (req) => {
        const agencyId = await readable(req, req.params.code);
        const cal = workingCalendarOf(ctx, req.params.code);
        const at = now();
        const actorId = `user:${req.auth!.user.id}`;
        const rows = await agencyComplaints(db, agencyId, { openOnly: req.query.open !== "false" && !req.query.state, terminalStates: terminal });
        const list = rows
          .filter((r) => !req.query.state || r.complaint.state === req.query.state)
          .map((r) => presentSummary(r, caseViewOf(def, r.transitions, cal, at), actorId))
          .filter((s) => !req.query.sla || (req.query.sla === "paused" ? s.stateSla === null && !s.terminal && ["awaiting_complainant", "answered"].includes(s.state) : s.stateSla?.status === req.query.sla));
        return { complaints: list, abilities: { handle: canHandleComplaints(req.auth!.actor, agencyId) } };
      },
    );

    const detail = async (req: FastifyRequest, agencyId: number, code: string, id: number) => {
      const r = await complaintDetail(db, id, agencyId);
      if (!r) throw notFound("complaint");
      const handle = canHandleComplaints(req.auth!.actor, agencyId);
      const actor = staffActor(req, agencyId);
      return presentDetail(r, caseViewOf(def, r.transitions, workingCalendarOf(ctx, code), now(), actor), actor.id, handle);
    };

    app.get(
      "/api/agencies/:code/complaints/:id",
      { config: { access: "authenticated" }, schema: { operationId: "getAgencyComplaint", summary: "One complaint with its history, deadlines and the actions open to the caller", tags: ["complaints"], params: ComplaintParams, response: { 200: ComplaintDetail } } },
      async (req) => detail(req, await readable(req, req.params.code), req.params.code, req.params.id),
    );

    app.post(
      "/api/agencies/:code/complaints/:id/actions",
      {
        config: { access: "authenticated" },
        schema: {
          operationId: "actOnComplaint",
          summary: "Take a workflow action (claim, release, verify with dispositionUnitId, request_details, not_authority, archive, return_disposition, post_answer with answer)",
          description: "Refusals carry the engine's code: 409 action_not_allowed_in_state / already_claimed / claim_required / not_claimed, 403 role_not_allowed, 400 reason_required / unknown_action.",
          tags: ["complaints"],
          params: ComplaintParams,
          body: ComplaintActionBody,
          response: { 200: ComplaintDetail },
        },
      },
      async (req) => {
        const agencyId = await readable(req, req.params.code);
        if (!canHandleComplaints(req.auth!.actor, agencyId)) throw new AppError(403, "role_not_allowed", "only the agency's service officers and officials act on complaints");
        const { action, reason, dispositionUnitId, answer } = req.body;
        const done = await actOnComplaint(db, auditContextOf(req), def, { complaintId: req.params.id, agencyId, actor: staffActor(req, agencyId), userId: req.auth!.user.id, action, reason, dispositionUnitId, answer }, now()).catch(refused);
        if (!done) throw notFound("complaint");
        return detail(req, agencyId, req.params.code, req.params.id);
      },
    );

    app.post(
      "/api/agencies/:code/complaints/:id/identity",
      {
        config: { access: "authenticated" },
        schema: { operationId: "viewComplaintReporter", summary: "Show the reporter's identity (logged in the complaint's access log and the audit trail)", tags: ["complaints"], params: ComplaintParams, body: IdentityBody, response: { 200: ReporterIdentity } },
      },
      async (req) => {
        const agencyId = await readable(req, req.params.code);
        if (!canViewReporterIdentity(req.auth!.actor, agencyId)) throw new AppError(403, "forbidden", "only the agency's service officers and officials see a reporter's identity");
        const identity = await revealReporterIdentity(db, auditContextOf(req), agencyId, req.params.id, req.auth!.user.id, req.body.reason, now());
        if (!identity) throw notFound("complaint");
        return identity;
      },
    );

    app.put(
      "/api/agencies/:code/complaints/:id/lapor",
      {
        config: { access: "authenticated" },
        schema: { operationId: "setComplaintLaporId", summary: "Set the SP4N-LAPOR! tracking id cross-reference (no call to LAPOR! is made)", tags: ["complaints"], params: ComplaintParams, body: LaporBody, response: { 200: ComplaintDetail } },
      },
      async (req) => {
        const agencyId = await readable(req, req.params.code);
        if (!canHandleComplaints(req.auth!.actor, agencyId)) throw new AppError(403, "forbidden", "only the agency's service officers and officials edit complaints");
        if (!(await setLaporTrackingId(db, auditContextOf(req), agencyId, req.params.id, req.body.laporTrackingId || null, now()))) throw notFound("complaint");
        return detail(req, agencyId, req.params.code, req.params.id);
      },
    );

    // FAQ per service (fasilitas dukungan pengguna)
    app.get(
      "/api/public/services/:id/faq",
      { config: { access: "public" }, schema: { operationId: "getPublicServiceFaq", summary: "Questions and answers of a service in the public catalogue", tags: ["public"], params: PublicFaqParams, response: { 200: FaqDocument } } },
      async (req) => {
        const [s] = await listPublicServices(db, { id: req.params.id });
        if (!s) throw notFound("service");
        const entries = await serviceFaqEntries(db, s.id);
        return { service: { id: s.id, name: s.name, agency: { code: s.agencyCode, name: s.agencyName } }, entries: entries.map((e) => ({ question: e.question, answer: e.answer })) };
      },
    );

    app.get(
      "/api/agencies/:code/services/:serviceId/faq",
      { config: { access: "authenticated" }, schema: { operationId: "getServiceFaq", summary: "A service's questions and answers as its agency keeps them (drafts of the standard included)", tags: ["services"], params: ServiceFaqParams, response: { 200: OfficerFaqDocument } } },
      async (req) => {
        const agencyId = await agencyIdOf(req.params.code);
        if (agencyId === undefined || !canReadComplaints(req.auth!.actor, agencyId)) throw notFound("agency");
        const found = await agencyServiceWithVersions(db, agencyId, req.params.serviceId);
        if (!found) throw notFound("service");
        const entries = await serviceFaqEntries(db, found.service.id);
        return { service: { id: found.service.id, name: found.service.name }, entries: entries.map((e) => ({ question: e.question, answer: e.answer })), abilities: { manage: canManageFaq(req.auth!.actor, agencyId) } };
      },
    );

    app.put(
      "/api/agencies/:code/services/:serviceId/faq",
      { config: { access: "authenticated" }, schema: { operationId: "replaceServiceFaq", summary: "Replace a service's questions and answers (in order)", tags: ["services"], params: ServiceFaqParams, body: FaqBody, response: { 200: FaqBody } } },
      async (req) => {
        const agencyId = await agencyIdOf(req.params.code);
        if (agencyId === undefined || !canReadComplaints(req.auth!.actor, agencyId)) throw notFound("agency");
        if (!canManageFaq(req.auth!.actor, agencyId)) throw new AppError(403, "forbidden", "only the agency's service staff and Koordinator SPBE keep the FAQ");
        if (!(await replaceServiceFaq(db, auditContextOf(req), agencyId, req.params.serviceId, req.body.entries))) throw notFound("service");
        return { entries: (await serviceFaqEntries(db, req.params.serviceId)).map((e) => ({ question: e.question, answer: e.answer })) };
      },
    );
  };
