import type { Readable } from "node:stream";
import { and, eq, max } from "drizzle-orm";
import type { Db } from "../client";
import { evidence, evidenceVersions } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import { findVersionByHash } from "../queries/evidence";
import { isUniqueViolation } from "../pg-errors";
import { evidenceFileName } from "../../lib/file-type";
import { evidenceKey, stageUpload, type EvidenceStorage, type StagedUpload } from "../../lib/storage";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** What describes a piece of evidence besides its files. Dates are `YYYY-MM-DD`. */
export interface EvidenceMetadata {
  title: string;
  documentNumber: string | null;
  documentDate: string | null;
  reviewDate: string | null;
}

/** The file being uploaded: a stream that is read once, to its end, and never held in memory. */
export interface EvidenceUpload {
  agencyId: number;
  agencyCode: string;
  source: Readable;
  fileName: string | undefined;
  maxBytes: number;
  userId: number | null;
}

/** Which evidence the upload ended in; `deduplicated` when the agency already had this content. */
export interface UploadOutcome {
  evidenceId: number;
  version: number;
  deduplicated: boolean;
}

/** Raised when the evidence to add a version to does not exist in the agency. */
export class EvidenceNotFoundError extends Error {}

/**
 * The shared path of every upload: stage the stream (hash, type, size, fsync) in the storage's
 * temporary directory; answer the existing evidence when the agency already holds that content;
 * otherwise put the file durably and then commit the rows in one transaction. The temporary file
 * is removed whatever happens. A concurrent upload of the same content loses the unique index
 * race and is answered as a duplicate. A blob whose rows failed to commit is left to the sweeper
 * (another upload of the same content may be about to reference it).
 */
async function stageAndCommit(
  db: Db,
  storage: EvidenceStorage,
  upload: EvidenceUpload,
  commit: (tx: Tx, staged: StagedUpload, key: string, fileName: string) => Promise<UploadOutcome>,
): Promise<UploadOutcome> {
  const staged = await stageUpload(upload.source, storage.tempDir, upload.maxBytes);
  const existing = async () => {
    const found = await findVersionByHash(db, upload.agencyId, staged.sha256);
    return found ? { evidenceId: found.evidenceId, version: found.version, deduplicated: true } : undefined;
  };
  try {
    const before = await existing();
    if (before) return before;
    const key = evidenceKey(upload.agencyCode, staged.sha256);
    await storage.put(key, staged);
    try {
      return await db.transaction((tx) => commit(tx, staged, key, evidenceFileName(upload.fileName, staged.fileType)));
    } catch (e) {
      const raced = isUniqueViolation(e) ? await existing() : undefined;
      if (raced) return raced;
      throw e;
    }
  } finally {
    await staged.discard();
  }
}

const fileFacts = (staged: StagedUpload, fileName: string) => ({ sha256: staged.sha256, size: staged.size, fileType: staged.fileType, fileName });

/**
 * Adds a piece of evidence to an agency's library from an uploaded file (version 1), with its
 * `evidence.upload` audit event. The same content uploaded again answers the existing evidence.
 * `alsoInTransaction` runs in the transaction that creates new evidence, after its rows (not for
 * content already held: there is no transaction then).
 */
export async function uploadEvidence(
  db: Db,
  storage: EvidenceStorage,
  ctx: AuditContext,
  upload: EvidenceUpload,
  metadata: EvidenceMetadata,
  alsoInTransaction?: (tx: Tx, evidenceId: number) => Promise<void>,
): Promise<UploadOutcome> {
  return stageAndCommit(db, storage, upload, async (tx, staged, key, fileName) => {
    const [row] = await tx
      .insert(evidence)
      .values({ agencyId: upload.agencyId, ...metadata, createdByUserId: upload.userId })
      .returning({ id: evidence.id });
    await tx.insert(evidenceVersions).values({
      evidenceId: row!.id,
      agencyId: upload.agencyId,
      version: 1,
      contentType: staged.contentType,
      storageKey: key,
      createdByUserId: upload.userId,
      ...fileFacts(staged, fileName),
    });
    await recordAudit(tx, ctx, { agencyId: upload.agencyId, action: "evidence.upload", targetType: "evidence", targetId: row!.id, after: { ...metadata, version: 1, ...fileFacts(staged, fileName) } });
    await alsoInTransaction?.(tx, row!.id);
    return { evidenceId: row!.id, version: 1, deduplicated: false };
  });
}

/**
 * Adds a new version (a new file) to a piece of evidence, which keeps its id; metadata given
 * alongside (e.g. a new review date) replaces the old. Audited as `evidence.version`. Content the
 * agency already holds answers the evidence that holds it, with nothing changed.
 */
export async function uploadEvidenceVersion(
  db: Db,
  storage: EvidenceStorage,
  ctx: AuditContext,
  upload: EvidenceUpload & { evidenceId: number },
  metadata: Partial<EvidenceMetadata>,
): Promise<UploadOutcome> {
  return stageAndCommit(db, storage, upload, async (tx, staged, key, fileName) => {
    const [current] = await tx
      .select()
      .from(evidence)
      .where(and(eq(evidence.id, upload.evidenceId), eq(evidence.agencyId, upload.agencyId)))
      .for("update");
    if (!current) throw new EvidenceNotFoundError(String(upload.evidenceId));
    const [{ last }] = (await tx.select({ last: max(evidenceVersions.version) }).from(evidenceVersions).where(eq(evidenceVersions.evidenceId, current.id))) as [{ last: number | null }];
    const [previous] = await tx.select().from(evidenceVersions).where(and(eq(evidenceVersions.evidenceId, current.id), eq(evidenceVersions.version, last ?? 0)));
    const version = (last ?? 0) + 1;
    const changes = Object.fromEntries(Object.entries(metadata).filter(([, v]) => v !== undefined)) as Partial<EvidenceMetadata>;
    await tx.update(evidence).set({ ...changes, updatedAt: new Date() }).where(eq(evidence.id, current.id));
    await tx.insert(evidenceVersions).values({ evidenceId: current.id, agencyId: upload.agencyId, version, contentType: staged.contentType, storageKey: key, createdByUserId: upload.userId, ...fileFacts(staged, fileName) });
    const oldMeta = { title: current.title, documentNumber: current.documentNumber, documentDate: current.documentDate, reviewDate: current.reviewDate };
    await recordAudit(tx, ctx, {
      agencyId: upload.agencyId,
      action: "evidence.version",
      targetType: "evidence",
      targetId: current.id,
      before: { ...oldMeta, version: last, ...(previous ? { sha256: previous.sha256, size: previous.size, fileType: previous.fileType, fileName: previous.fileName } : {}) },
      after: { ...oldMeta, ...changes, version, ...fileFacts(staged, fileName) },
    });
    return { evidenceId: current.id, version, deduplicated: false };
  });
}
