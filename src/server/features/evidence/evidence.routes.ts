import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { FastifyRequest } from "fastify";
import multipart from "@fastify/multipart";
import type { AppContext } from "../../context";
import { AppError, notFound } from "../../errors";
import { auditContextOf } from "../../request-audit";
import { canReadEvidence, canUploadEvidence } from "../../policies/evidence.policy";
import { agencyIdsByCode } from "../../../db/queries/agency-ids";
import { externallyAssignedAgencies } from "../../../db/queries/dashboards";
import { hasRole } from "../../../core";
import { evidenceDetail, findEvidence, findEvidenceVersion, listEvidence } from "../../../db/queries/evidence";
import { EvidenceNotFoundError, uploadEvidence, uploadEvidenceVersion, type UploadOutcome } from "../../../db/commands/evidence-upload";
import { INLINE_FILE_TYPES, type EvidenceFileType } from "../../../lib/file-type";
import { AgencyCodeParams } from "../agencies/agencies.schema";
import { contentDisposition } from "./content-disposition";
import { evidenceLinkRoutes } from "./evidence-links.routes";
import { evidenceItemRoutes } from "./evidence-items.routes";
import { evidenceZipRoutes } from "./evidence-zip.routes";
import { evidenceSettingsOf, todayInIndonesia } from "./evidence-settings";
import { presentEvidenceDetail, presentEvidenceSummary } from "./evidence.presenter";
import { EvidenceListResponse, EvidenceDetailResponse, EvidenceParams, FileQuery, ListEvidenceQuery, NewEvidenceFields, NewVersionFields, UpdateEvidenceBody, UploadResponse } from "./evidence.schema";
import { updateEvidenceMetadata } from "../../../db/commands/evidence-metadata";
import { readUpload, uploadFailure } from "./multipart-upload";
import { resumableUploadRoutes } from "./resumable-upload.routes";

const UPLOAD_DESCRIPTION =
  "multipart/form-data: the text fields first (title, documentNumber, documentDate and reviewDate as YYYY-MM-DD), then one file part. " +
  "PDF, PNG, JPEG, DOCX, XLSX, PPTX or MP4, recognised by content; 413 above the size limit, 415 for other types. " +
  "Content the agency already holds answers 200 with the existing evidence and deduplicated: true.";

/**
 * The evidence library (bukti dukung) of an agency: list, detail, streamed upload of files and new
 * versions, downloads and sandboxed previews; links to indicator answers live in evidence-links.
 * Another agency's evidence answers 404.
 */
export const evidenceRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;
    const { storage, maxBytes } = evidenceSettingsOf(ctx);
    // Files are streamed; the part limit is a backstop above our own byte count (see stageUpload).
    await app.register(multipart, { limits: { fileSize: maxBytes + 1, files: 1, fields: 10, fieldSize: 4096, parts: 12, headerPairs: 50 } });
    await app.register(evidenceLinkRoutes(ctx));
    await app.register(evidenceItemRoutes(ctx));
    await app.register(evidenceZipRoutes(ctx));

    const readableAgency = async (req: FastifyRequest, code: string) => {
      const id = (await agencyIdsByCode(db, [code])).get(code);
      const actor = req.auth!.actor;
      const assigned = hasRole(actor, "asesor_eksternal") ? await externallyAssignedAgencies(db, req.auth!.user.id) : [];
      if (id === undefined || !canReadEvidence(actor, id, assigned)) throw notFound("agency");
      return { id, code };
    };
    const uploadableAgency = async (req: FastifyRequest, code: string) => {
      const agency = await readableAgency(req, code);
      if (!canUploadEvidence(req.auth!.actor, agency.id)) throw new AppError(403, "forbidden", "only the agency's self-assessment team uploads evidence");
      return agency;
    };
    const answer = async (agencyId: number, outcome: UploadOutcome) => {
      const detail = await evidenceDetail(db, agencyId, outcome.evidenceId);
      return { ...presentEvidenceDetail(detail!, todayInIndonesia()), deduplicated: outcome.deduplicated };
    };
    await app.register(resumableUploadRoutes(ctx, { storage, maxBytes, readableAgency, answer }));

    app.get(
      "/api/agencies/:code/evidence",
      { config: { access: "authenticated" }, schema: { summary: "The agency's evidence library (bukti dukung)", tags: ["evidence"], params: AgencyCodeParams, querystring: ListEvidenceQuery, response: { 200: EvidenceListResponse } } },
      async (req) => {
        const agency = await readableAgency(req, req.params.code);
        const { total, rows } = await listEvidence(db, agency.id, req.query);
        const today = todayInIndonesia();
        const upload = req.auth!.actor.canWrite && canUploadEvidence(req.auth!.actor, agency.id);
        return { evidence: rows.map((r) => presentEvidenceSummary(r, today)), total, abilities: { upload } };
      },
    );

    app.get(
      "/api/agencies/:code/evidence/:id",
      { config: { access: "authenticated" }, schema: { operationId: "getAgencyEvidenceDetail", summary: "A piece of evidence with its versions and linked indicators", tags: ["evidence"], params: EvidenceParams, response: { 200: EvidenceDetailResponse } } },
      async (req) => {
        const agency = await readableAgency(req, req.params.code);
        const detail = await evidenceDetail(db, agency.id, req.params.id);
        if (!detail) throw notFound("evidence");
        return presentEvidenceDetail(detail, todayInIndonesia());
      },
    );

    app.post(
      "/api/agencies/:code/evidence",
      { config: { access: "authenticated" }, schema: { summary: "Upload a piece of evidence", description: UPLOAD_DESCRIPTION, tags: ["evidence"], consumes: ["multipart/form-data"], params: AgencyCodeParams, response: { 200: UploadResponse, 201: UploadResponse } } },
      async (req, reply) => {
        try {
          const agency = await uploadableAgency(req, req.params.code);
          const upload = await readUpload(req, NewEvidenceFields);
          const input = { agencyId: agency.id, agencyCode: agency.code, source: upload.file, fileName: upload.fileName, maxBytes, userId: req.auth!.user.id };
          const outcome = await uploadEvidence(db, storage, auditContextOf(req), input, upload.fields);
          return reply.status(outcome.deduplicated ? 200 : 201).send(await answer(agency.id, outcome));
        } catch (e) {
          throw uploadFailure(e, req, reply);
        }
      },
    );

    app.patch(
      "/api/agencies/:code/evidence/:id",
      { config: { access: "authenticated" }, schema: { summary: "Change the metadata of a piece of evidence (no new file)", tags: ["evidence"], params: EvidenceParams, body: UpdateEvidenceBody, response: { 200: EvidenceDetailResponse } } },
      async (req) => {
        const agency = await uploadableAgency(req, req.params.code);
        const changes = { ...req.body, documentNumber: req.body.documentNumber === "" ? null : req.body.documentNumber };
        if (!(await updateEvidenceMetadata(db, auditContextOf(req), { agencyId: agency.id, evidenceId: req.params.id, changes }))) throw notFound("evidence");
        return presentEvidenceDetail((await evidenceDetail(db, agency.id, req.params.id))!, todayInIndonesia());
      },
    );

    app.post(
      "/api/agencies/:code/evidence/:id/versions",
      { config: { access: "authenticated" }, schema: { summary: "Upload a new version of a piece of evidence", description: `${UPLOAD_DESCRIPTION} Every field is optional; a given one replaces the old value.`, tags: ["evidence"], consumes: ["multipart/form-data"], params: EvidenceParams, response: { 200: UploadResponse, 201: UploadResponse } } },
      async (req, reply) => {
        try {
          const agency = await uploadableAgency(req, req.params.code);
          if (!(await findEvidence(db, agency.id, req.params.id))) throw notFound("evidence");
          const upload = await readUpload(req, NewVersionFields);
          const input = { agencyId: agency.id, agencyCode: agency.code, evidenceId: req.params.id, source: upload.file, fileName: upload.fileName, maxBytes, userId: req.auth!.user.id };
          const outcome = await uploadEvidenceVersion(db, storage, auditContextOf(req), input, upload.fields);
          return reply.status(outcome.deduplicated ? 200 : 201).send(await answer(agency.id, outcome));
        } catch (e) {
          throw uploadFailure(e instanceof EvidenceNotFoundError ? notFound("evidence") : e, req, reply);
        }
      },
    );

    app.get(
      "/api/agencies/:code/evidence/:id/file",
      {
        config: { access: "authenticated" },
        schema: {
          summary: "Download a file of a piece of evidence (latest version unless ?version=N)",
          description: "Always an attachment, except ?inline=1 for PDF, PNG and JPEG, shown in a sandbox (Content-Security-Policy: sandbox).",
          tags: ["evidence"],
          params: EvidenceParams,
          querystring: FileQuery,
        },
      },
      async (req, reply) => {
        const agency = await readableAgency(req, req.params.code);
        if (!(await findEvidence(db, agency.id, req.params.id))) throw notFound("evidence");
        const version = await findEvidenceVersion(db, req.params.id, req.query.version);
        if (!version) throw notFound("version");
        const wantsInline = req.query.inline === "1" || req.query.inline === "true";
        const inline = wantsInline && INLINE_FILE_TYPES.includes(version.fileType as EvidenceFileType);
        const stream = await storage.open(version.storageKey);
        return reply
          .header("content-type", version.contentType)
          .header("content-length", String(version.size))
          .header("content-disposition", contentDisposition(inline ? "inline" : "attachment", version.fileName))
          .header("x-content-type-options", "nosniff")
          .header("content-security-policy", "sandbox")
          .header("cache-control", "private, no-store")
          .send(stream);
      },
    );
  };
