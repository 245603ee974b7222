import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { evidenceUploads, serverInstances } from "../schema";
import { instanceAlive } from "./server-instances";
import type { AuditContext } from "../audit/record-audit";
import type { Readable } from "node:stream";
import { createPart, OffsetMismatchError, partDir, partLength, partPath, removePart, sendPart, type EvidenceStorage } from "../../lib/storage";
import { uploadEvidence, uploadEvidenceVersion, type EvidenceMetadata, type UploadOutcome } from "./evidence-upload";

/** An abandoned resumable upload is removed a day after its last chunk. */
export const RESUMABLE_UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;

const ORPHAN_AGE_MS = 60 * 60 * 1000;

export type UploadSession = typeof evidenceUploads.$inferSelect;

export interface NewUploadSession {
  agencyId: number;
  userId: number;
  evidenceId: number | null;
  fileName: string | null;
  size: number;
  fields: Partial<EvidenceMetadata>;
}

/**
 * Starts a resumable upload: the partial file first, then the row, so a row never points at a file
 * that was not created (a file without a row is removed by the sweep). Nothing is audited until the
 * file is complete and becomes evidence, through the same command as a one-shot upload.
 */
export async function startResumableUpload(db: Db, storage: EvidenceStorage, input: NewUploadSession, now = new Date()): Promise<UploadSession> {
  const id = randomUUID();
  // S3: a multipart upload in the store, so any instance can take the next chunk. Filesystem: the
  // partial file, in the evidence directory that every instance shares.
  const multipartId = storage.multipart ? await storage.multipart.startMultipart(id) : null;
  if (!multipartId) await createPart(partPath(storage.tempDir, id));
  try {
    const [row] = await db
      .insert(evidenceUploads)
      .values({ id, ...input, multipartId, expiresAt: new Date(now.getTime() + RESUMABLE_UPLOAD_TTL_MS) })
      .returning();
    return row!;
  } catch (e) {
    await discardStored(storage, id, multipartId);
    throw e;
  }
}

/** Removes what the store holds for an upload: the multipart upload (S3), else the partial file. */
async function discardStored(storage: EvidenceStorage, id: string, multipartId: string | null): Promise<void> {
  if (multipartId && storage.multipart) await storage.multipart.discardUpload(id, multipartId);
  else await removePart(partPath(storage.tempDir, id));
}

/** How many bytes of an upload have arrived (the offset to continue from). */
export async function receivedBytes(storage: EvidenceStorage, session: UploadSession): Promise<number> {
  return session.multipartId ? session.received : ((await partLength(partPath(storage.tempDir, session.id))) ?? 0);
}

/**
 * Stores one chunk of an S3-backed upload as its next part and records it on the row (only while
 * `token`'s claim holds it). The row is read again after the claim, so a chunk that arrived
 * through another instance counts. Answers the new offset; OffsetMismatchError when `offset` is
 * not where the upload stands.
 */
export async function appendMultipartChunk(db: Db, storage: EvidenceStorage, id: string, token: string, source: Readable, offset: number, length: number): Promise<number> {
  const [row] = await db.select().from(evidenceUploads).where(eq(evidenceUploads.id, id));
  if (!row?.multipartId || !storage.multipart) throw new Error(`upload ${id} is not a multipart upload`);
  if (offset !== row.received) {
    source.resume();
    throw new OffsetMismatchError(row.received);
  }
  // An empty chunk at the end finishes an upload whose completion failed after its last part.
  if (length === 0 && row.received === row.size) {
    source.resume();
    return row.size;
  }
  const partNumber = row.parts.length + 1;
  const etag = await sendPart(storage.multipart, { uploadId: id, multipartId: row.multipartId, partNumber }, source, offset, length, row.size);
  const received = row.received + length;
  const updated = await db
    .update(evidenceUploads)
    .set({ received, parts: [...row.parts, { partNumber, etag, size: length }] })
    .where(and(eq(evidenceUploads.id, id), eq(evidenceUploads.receivingToken, token)))
    .returning({ id: evidenceUploads.id });
  if (!updated.length) throw new Error(`the claim on upload ${id} ran out while its chunk arrived`);
  return received;
}

/** The caller's own upload session; another user's (or an unknown id) is undefined. */
export async function findUploadSession(db: Db, id: string, userId: number): Promise<UploadSession | undefined> {
  const [row] = await db
    .select()
    .from(evidenceUploads)
    .where(and(eq(evidenceUploads.id, id), eq(evidenceUploads.userId, userId)));
  return row;
}

/** How long a chunk may take before another request can take the upload over, whatever its holder. */
export const CHUNK_LEASE_MS = 15 * 60 * 1000;

/**
 * Claims an upload for one chunk: an atomic update of its row, so two requests never append to the
 * partial file at once, whether they reach one process, several worker processes (PANDU_WORKERS)
 * or several instances. Answers the claim's token, or null while another request holds a lease.
 * A lease is void when it has run out (CHUNK_LEASE_MS) or when the server instance that holds it
 * (`instanceId`, see `server_instances`) is gone: a process killed mid-chunk blocks nobody.
 * Without an instance id (an app embedded in a test) only the time limit frees a lease.
 */
export async function claimUploadSession(db: Db, id: string, instanceId: string | null, now = new Date()): Promise<string | null> {
  const token = randomUUID();
  const holderGone = sql`(${evidenceUploads.receivingInstance} is not null and not exists (select 1 from ${serverInstances} i where i.id = ${evidenceUploads.receivingInstance} and ${instanceAlive(sql`i`)}))`;
  const rows = await db
    .update(evidenceUploads)
    .set({ receivingUntil: new Date(now.getTime() + CHUNK_LEASE_MS), receivingToken: token, receivingInstance: instanceId })
    .where(and(eq(evidenceUploads.id, id), or(isNull(evidenceUploads.receivingUntil), lt(evidenceUploads.receivingUntil, now), holderGone)))
    .returning({ id: evidenceUploads.id });
  return rows.length ? token : null;
}

/** Ends a chunk's claim (only the holder's own token releases it). */
export async function releaseUploadSession(db: Db, id: string, token: string): Promise<void> {
  await db
    .update(evidenceUploads)
    .set({ receivingUntil: null, receivingToken: null, receivingInstance: null })
    .where(and(eq(evidenceUploads.id, id), eq(evidenceUploads.receivingToken, token)));
}

/** Pushes the expiry a day past now (after a chunk arrived). */
export async function touchUploadSession(db: Db, id: string, now = new Date()): Promise<void> {
  await db
    .update(evidenceUploads)
    .set({ expiresAt: new Date(now.getTime() + RESUMABLE_UPLOAD_TTL_MS) })
    .where(eq(evidenceUploads.id, id));
}

/** Ends a session: the row, then its partial file or multipart upload (aborted; or, once `completed`, the assembled scratch object). */
export async function dropUploadSession(db: Db, storage: EvidenceStorage, id: string, options: { completed?: boolean } = {}): Promise<void> {
  const [row] = await db.delete(evidenceUploads).where(eq(evidenceUploads.id, id)).returning({ multipartId: evidenceUploads.multipartId });
  if (row?.multipartId && storage.multipart) await storage.multipart.discardUpload(id, options.completed ? null : row.multipartId);
  else if (!row?.multipartId) await removePart(partPath(storage.tempDir, id));
}

/**
 * Turns a complete partial file into evidence through the one-shot upload path (hash, type check,
 * de-duplication, durable put, rows and audit in one transaction), then ends the session. Running
 * it twice for the same file is harmless: the second run finds the content already held and
 * answers that evidence as a duplicate.
 */
export async function completeResumableUpload(db: Db, storage: EvidenceStorage, ctx: AuditContext, session: UploadSession, agencyCode: string, maxBytes: number): Promise<UploadOutcome> {
  let source: Readable;
  if (session.multipartId && storage.multipart) {
    // The parts as recorded now (the session was read before the last chunk), assembled by the store.
    const [row] = await db.select({ parts: evidenceUploads.parts }).from(evidenceUploads).where(eq(evidenceUploads.id, session.id));
    await storage.multipart.completeMultipart(session.id, session.multipartId, row?.parts ?? []);
    source = await storage.multipart.openUpload(session.id);
  } else source = createReadStream(partPath(storage.tempDir, session.id));
  const upload = { agencyId: session.agencyId, agencyCode, source, fileName: session.fileName ?? undefined, maxBytes, userId: session.userId };
  const fields = session.fields as Partial<EvidenceMetadata>;
  const outcome =
    session.evidenceId === null
      ? await uploadEvidence(db, storage, ctx, upload, fields as EvidenceMetadata)
      : await uploadEvidenceVersion(db, storage, ctx, { ...upload, evidenceId: session.evidenceId }, fields);
  await dropUploadSession(db, storage, session.id, { completed: true });
  return outcome;
}

/** Removes sessions past their expiry with their partial files, and partial files no row owns. Returns how many went. */
export async function sweepResumableUploads(db: Db, storage: EvidenceStorage, now = new Date()): Promise<number> {
  const expired = await db.delete(evidenceUploads).where(lt(evidenceUploads.expiresAt, now)).returning({ id: evidenceUploads.id, multipartId: evidenceUploads.multipartId });
  // S3: the multipart upload is aborted, so the store drops its parts.
  for (const { id, multipartId } of expired) await discardStored(storage, id, multipartId);
  // A file whose row never committed (or was lost): removed once it is an hour old.
  let orphans = 0;
  const names = await readdir(partDir(storage.tempDir)).catch(() => [] as string[]);
  const ids = names.filter((n) => n.endsWith(".part")).map((n) => n.slice(0, -".part".length));
  const owned = ids.length ? new Set((await db.select({ id: evidenceUploads.id }).from(evidenceUploads).where(inArray(evidenceUploads.id, ids))).map((r) => r.id)) : new Set<string>();
  for (const id of ids) {
    if (owned.has(id)) continue;
    const info = await stat(partPath(storage.tempDir, id)).catch(() => null);
    if (info && info.mtime.getTime() < now.getTime() - ORPHAN_AGE_MS) {
      await removePart(partPath(storage.tempDir, id));
      orphans++;
    }
  }
  return expired.length + orphans;
}
