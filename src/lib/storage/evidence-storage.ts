import type { Readable } from "node:stream";

/** A stored object as the sweeper sees it. */
export interface StoredObject {
  key: string;
  modifiedAt: Date;
}

/** A staged file ready to be made durable: already complete and flushed to disk. */
export interface StagedFileRef {
  path: string;
  size: number;
  contentType: string;
}

/**
 * Where evidence files live: local disk or S3-compatible object storage, behind one interface.
 * Keys are content-addressed, `<agencyCode>/<sha256>`, so the same content of one agency is one
 * object. Every adapter stages uploads as files in a local `tempDir` first (hashed and checked
 * while streaming), so a failed or aborted upload never reaches the store.
 */
export interface EvidenceStorage {
  readonly kind: "local" | "s3";
  /** Local directory for uploads in progress. */
  readonly tempDir: string;
  /** Moves (local) or uploads (S3) a staged file to `key`, replacing an identical object if one exists. */
  put(key: string, file: StagedFileRef): Promise<void>;
  /** Streams a stored object; EvidenceObjectMissingError when it does not exist. */
  open(key: string): Promise<Readable>;
  /** Removes an object; no error when it is already gone. */
  delete(key: string): Promise<void>;
  /** Every stored object (for the sweeper). */
  list(): AsyncIterable<StoredObject>;
  /** Releases connections (S3); local storage holds none. */
  close?(): void;
  /**
   * Resumable uploads kept in the store itself (S3 multipart upload), so any instance can continue
   * one; absent on the filesystem store, whose partial files live in the (shared) evidence directory.
   */
  readonly multipart?: MultipartStore;
}

/** One stored part of a multipart upload. */
export interface StoredPart {
  partNumber: number;
  etag: string;
  size: number;
}

/**
 * A resumable upload as an object store's multipart upload: one part per chunk, assembled by the
 * store at the end into a scratch object (`uploads/<uploadId>`, never an evidence key).
 */
export interface MultipartStore {
  /** Every part but the last must be at least this long (S3: 5 MiB). */
  readonly minPartBytes: number;
  /** Starts the multipart upload; answers its id (S3's UploadId). */
  startMultipart(uploadId: string): Promise<string>;
  /** Stores one part streamed from `body` (exactly `length` bytes); answers its ETag. */
  uploadPart(uploadId: string, multipartId: string, partNumber: number, body: Readable, length: number): Promise<string>;
  /** Assembles the parts into the scratch object. */
  completeMultipart(uploadId: string, multipartId: string, parts: StoredPart[]): Promise<void>;
  /** Streams the assembled scratch object. */
  openUpload(uploadId: string): Promise<Readable>;
  /** Aborts the multipart upload (when `multipartId` is given) and removes the scratch object; no error when already gone. */
  discardUpload(uploadId: string, multipartId: string | null): Promise<void>;
}

/** Raised when a key names no stored object. */
export class EvidenceObjectMissingError extends Error {
  constructor(key: string) {
    super(`evidence object ${key} is missing from storage`);
    this.name = "EvidenceObjectMissingError";
  }
}

const KEY = /^([A-Za-z0-9][A-Za-z0-9._-]{0,63})\/([0-9a-f]{64})$/;

/** The content-addressed key of a file of an agency. */
export function evidenceKey(agencyCode: string, sha256: string): string {
  return assertEvidenceKey(`${agencyCode}/${sha256}`);
}

/** Refuses anything but `<agencyCode>/<sha256>`, so a key can never escape the storage root. */
export function assertEvidenceKey(key: string): string {
  const m = KEY.exec(key);
  if (!m || m[1]!.includes("..")) throw new Error(`invalid evidence storage key: ${JSON.stringify(key)}`);
  return key;
}

/** Whether a listed name is an evidence key (other objects in a shared bucket are left alone). */
export function isEvidenceKey(key: string): boolean {
  const m = KEY.exec(key);
  return !!m && !m[1]!.includes("..");
}
