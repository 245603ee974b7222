import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { FastifyRequest } from "fastify";
import type { AppContext } from "../../context";
import { AppError, notFound, invalidField } from "../../errors";
import { auditContextOf } from "../../request-audit";
import { canUploadEvidence } from "../../policies/evidence.policy";
import { agencyCodeOf } from "../../../db/queries/agency-ids";
import { findEvidence } from "../../../db/queries/evidence";
import {
  claimUploadSession,
  appendMultipartChunk,
  completeResumableUpload,
  dropUploadSession,
  findUploadSession,
  receivedBytes,
  releaseUploadSession,
  startResumableUpload,
  touchUploadSession,
  type UploadSession,
} from "../../../db/commands/evidence-resumable";
import { EvidenceNotFoundError, type UploadOutcome } from "../../../db/commands/evidence-upload";
import { appendToPart, BeyondDeclaredSizeError, ChunkTooSmallError, OffsetMismatchError, partPath, UnsupportedUploadTypeError, type EvidenceStorage } from "../../../lib/storage";
import { AgencyCodeParams } from "../agencies/agencies.schema";
import { uploadFailure } from "./multipart-upload";
import { ChunkHeaders, ResumableChunkResponse, ResumableParams, ResumableStatusResponse, StartResumableBody, type UploadResponse } from "./evidence.schema";
import type { z } from "zod";

/** What the evidence routes share with these: the store, the limit, the agency check and the upload answer. */
export interface ResumableDeps {
  storage: EvidenceStorage;
  maxBytes: number;
  readableAgency: (req: FastifyRequest, code: string) => Promise<{ id: number; code: string }>;
  answer: (agencyId: number, outcome: UploadOutcome) => Promise<z.input<typeof UploadResponse>>;
}

export const CHUNK_CONTENT_TYPE = "application/offset+octet-stream";

/**
 * Resumable uploads, for slow or unreliable connections: start a session with the file's size and
 * metadata, send the file in chunks (`PATCH` with `Upload-Offset`), ask where to continue (`GET`)
 * after a failure, and the last chunk turns the file into evidence through the same path as a
 * one-shot upload. Sessions belong to the user who started them; anyone else gets 404. The chunks
 * live in the store (S3: a multipart upload; filesystem: a partial file in the evidence directory
 * that instances share), their state in the database, so any instance takes the next chunk.
 */
export const resumableUploadRoutes = (ctx: AppContext, deps: ResumableDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;
    const { storage, maxBytes, readableAgency, answer } = deps;
    // One chunk at a time per upload in this process; a second concurrent one is told to wait.

    // The chunk body is read as a stream by the handler, never parsed or buffered.
    app.addContentTypeParser(CHUNK_CONTENT_TYPE, (_req, _payload, done) => done(null, undefined));

    const ownSession = async (req: FastifyRequest, id: string): Promise<UploadSession & { agencyCode: string }> => {
      const session = await findUploadSession(db, id, req.auth!.user.id);
      if (!session || !canUploadEvidence(req.auth!.actor, session.agencyId)) throw notFound("upload");
      return { ...session, agencyCode: (await agencyCodeOf(db, session.agencyId))! };
    };
    const status = async (session: UploadSession) => ({ id: session.id, size: session.size, offset: await receivedBytes(storage, session), expiresAt: session.expiresAt.toISOString() });

    app.post(
      "/api/agencies/:code/evidence/uploads",
      {
        config: { access: "authenticated" },
        schema: {
          summary: "Start a resumable upload (new evidence, or a new version with evidenceId)",
          description: `Declares the file's size and its metadata; then send the bytes with PATCH /api/evidence-uploads/{id} (${CHUNK_CONTENT_TYPE}, header Upload-Offset). 413 when the size is above the limit.`,
          tags: ["evidence"],
          params: AgencyCodeParams,
          body: StartResumableBody,
          response: { 201: ResumableStatusResponse },
        },
      },
      async (req, reply) => {
        const agency = await readableAgency(req, req.params.code);
        if (!canUploadEvidence(req.auth!.actor, agency.id)) throw new AppError(403, "forbidden", "only the agency's self-assessment team uploads evidence");
        const { size, fileName, evidenceId, ...fields } = req.body;
        if (size > maxBytes) throw new AppError(413, "payload_too_large", `size: larger than the limit of ${Math.floor(maxBytes / (1024 * 1024))} MB`, { field: "size", limitMegabytes: Math.floor(maxBytes / (1024 * 1024)) });
        if (evidenceId !== undefined && !(await findEvidence(db, agency.id, evidenceId))) throw notFound("evidence");
        if (evidenceId === undefined && !fields.title) throw invalidField("title_required", "body.title", "required for new evidence");
        const session = await startResumableUpload(db, storage, { agencyId: agency.id, userId: req.auth!.user.id, evidenceId: evidenceId ?? null, fileName: fileName ?? null, size, fields });
        return reply.status(201).send(await status(session));
      },
    );

    app.get(
      "/api/evidence-uploads/:id",
      { config: { access: "authenticated" }, schema: { summary: "Where a resumable upload continues (bytes received)", tags: ["evidence"], params: ResumableParams, response: { 200: ResumableStatusResponse } } },
      async (req) => status(await ownSession(req, req.params.id)),
    );

    app.patch(
      "/api/evidence-uploads/:id",
      {
        config: { access: "authenticated" },
        schema: {
          summary: "Send the next chunk of a resumable upload",
          description: `Body: raw bytes (${CHUNK_CONTENT_TYPE}) continuing at Upload-Offset, which must equal the bytes received (409 otherwise: ask GET for the offset). The chunk that completes the file answers the evidence (201, or 200 when the agency already held that content). 415 as soon as the first bytes show a type that is not allowed.`,
          tags: ["evidence"],
          consumes: [CHUNK_CONTENT_TYPE],
          params: ResumableParams,
          headers: ChunkHeaders,
          response: { 200: ResumableChunkResponse, 201: ResumableChunkResponse },
        },
      },
      async (req, reply) => {
        const session = await ownSession(req, req.params.id);
        if (!req.headers["content-type"]?.startsWith(CHUNK_CONTENT_TYPE)) throw new AppError(415, "unsupported_media_type", `send the chunk as ${CHUNK_CONTENT_TYPE}`);
        // Checked here rather than by the schema, so that who may not reach the upload learns nothing more.
        const from = req.headers["upload-offset"];
        if (from === undefined) throw invalidField("offset_required", "headers.upload-offset", "required (the bytes the server already has; GET tells)");
        const length = Number(req.headers["content-length"]);
        if (session.multipartId && !(Number.isSafeInteger(length) && length >= 0)) throw invalidField("content_length_required", "headers.content-length", "required (the chunk's length in bytes)");
        const file = partPath(storage.tempDir, session.id);
        const token = await claimUploadSession(db, session.id, ctx.instanceId ?? null);
        if (!token) throw new AppError(409, "upload_busy", "another chunk of this upload is still arriving");
        try {
          const offset = session.multipartId ? await appendMultipartChunk(db, storage, session.id, token, req.raw, from, length) : await appendToPart(file, req.raw, from, session.size);
          if (offset < session.size) {
            await touchUploadSession(db, session.id);
            return { ...(await status(session)), offset, evidence: null };
          }
          const outcome = await completeResumableUpload(db, storage, auditContextOf(req), session, session.agencyCode, maxBytes);
          const evidence = await answer(session.agencyId, outcome);
          return reply.status(outcome.deduplicated ? 200 : 201).send({ id: session.id, size: session.size, offset, expiresAt: session.expiresAt.toISOString(), evidence });
        } catch (e) {
          if (e instanceof OffsetMismatchError) throw new AppError(409, "offset_mismatch", e.message, { offset: e.offset });
          if (e instanceof ChunkTooSmallError) throw new AppError(400, "chunk_too_small", e.message, { minBytes: e.minBytes });
          if (e instanceof BeyondDeclaredSizeError) throw new AppError(400, "bad_request", e.message);
          // A disguised file will not become acceptable with more bytes: the session ends.
          if (e instanceof UnsupportedUploadTypeError) await dropUploadSession(db, storage, session.id);
          if (e instanceof EvidenceNotFoundError) {
            await dropUploadSession(db, storage, session.id);
            throw notFound("evidence");
          }
          throw uploadFailure(e, req, reply);
        } finally {
          await releaseUploadSession(db, session.id, token);
        }
      },
    );

    app.delete(
      "/api/evidence-uploads/:id",
      { config: { access: "authenticated" }, schema: { summary: "Cancel a resumable upload and remove what arrived", tags: ["evidence"], params: ResumableParams } },
      async (req, reply) => {
        const session = await ownSession(req, req.params.id);
        // Claimed like a chunk: a live request's chunk keeps it (409), a dead process's lease does not.
        if (!(await claimUploadSession(db, session.id, ctx.instanceId ?? null))) throw new AppError(409, "upload_busy", "a chunk of this upload is still arriving");
        await dropUploadSession(db, storage, session.id);
        return reply.status(204).send();
      },
    );
  };
