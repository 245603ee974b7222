import { createHash, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { detectFileType, EVIDENCE_CONTENT_TYPES, SNIFF_BYTES, type EvidenceFileType } from "../file-type";

/** The upload is larger than the configured limit. */
export class UploadTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the file is larger than ${maxBytes} bytes`);
    this.name = "UploadTooLargeError";
  }
}

/** The upload's content is none of the allowed types. */
export class UnsupportedUploadTypeError extends Error {
  constructor() {
    super("the file is not a PDF, PNG, JPEG, DOCX, XLSX, PPTX or MP4 document (checked by content)");
    this.name = "UnsupportedUploadTypeError";
  }
}

/** The upload has no bytes. */
export class EmptyUploadError extends Error {
  constructor() {
    super("the file is empty");
    this.name = "EmptyUploadError";
  }
}

/** The stream failed before its end: the client went away or sent a malformed body. */
export class UploadInterruptedError extends Error {
  constructor(readonly reason: unknown) {
    super(`the upload was interrupted: ${(reason as Error)?.message ?? String(reason)}`);
    this.name = "UploadInterruptedError";
  }
}

const OWN_ERRORS = [UploadTooLargeError, UnsupportedUploadTypeError, EmptyUploadError];

/** A complete upload in a temporary file, flushed to disk, with what was learnt while streaming. */
export interface StagedUpload {
  path: string;
  size: number;
  sha256: string;
  fileType: EvidenceFileType;
  contentType: string;
  /** Removes the temporary file if it is still there (after a move it is not). */
  discard(): Promise<void>;
}

/**
 * Hashes, counts and sniffs the bytes flowing through. Only the first bytes (at most SNIFF_BYTES)
 * are kept, until the type is known; a wrong type or too many bytes stop the stream at once.
 */
class UploadInspector extends Transform {
  readonly hash = createHash("sha256");
  size = 0;
  fileType: EvidenceFileType | null = null;
  private head: Buffer[] = [];
  private headLength = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: (err?: Error | null, data?: Buffer) => void): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return done(new UploadTooLargeError(this.maxBytes));
    this.hash.update(chunk);
    if (this.fileType === null && this.headLength < SNIFF_BYTES) {
      const part = chunk.subarray(0, SNIFF_BYTES - this.headLength);
      this.head.push(part);
      this.headLength += part.length;
      const verdict = detectFileType(Buffer.concat(this.head), this.headLength >= SNIFF_BYTES);
      if (verdict === null) return done(new UnsupportedUploadTypeError());
      if (verdict !== "more") this.decided(verdict);
    }
    done(null, chunk);
  }

  override _flush(done: (err?: Error | null) => void): void {
    if (this.size === 0) return done(new EmptyUploadError());
    if (this.fileType === null) {
      const verdict = detectFileType(Buffer.concat(this.head), true);
      if (verdict === null || verdict === "more") return done(new UnsupportedUploadTypeError());
      this.decided(verdict);
    }
    done();
  }

  private decided(type: EvidenceFileType) {
    this.fileType = type;
    this.head = [];
  }
}

/**
 * Streams `source` into a new temporary file in `tempDir` while computing its SHA-256, checking
 * its type by content and enforcing `maxBytes`, then fsyncs it. Memory use stays at a few chunks
 * whatever the file size. On any failure (limit, type, empty, client abort) the temporary file is
 * removed before the error is rethrown, so nothing partial is left behind.
 */
export async function stageUpload(source: Readable, tempDir: string, maxBytes: number): Promise<StagedUpload> {
  let sourceError: unknown;
  // First thing, and kept for the life of the stream: the source may fail while we set up, and an
  // error after the pipeline settles must not go unhandled.
  source.on("error", (e: unknown) => (sourceError ??= e));
  await mkdir(tempDir, { recursive: true });
  const tempPath = path.join(tempDir, `${randomUUID()}.part`);
  const inspector = new UploadInspector(maxBytes);
  try {
    // `flush`: fsync before close, so the file is on disk before it is moved or sent anywhere.
    await pipeline(source, inspector, createWriteStream(tempPath, { flags: "wx", mode: 0o600, flush: true }));
  } catch (e) {
    await rm(tempPath, { force: true });
    // Own verdicts, and disk failures (ENOSPC, EACCES…), which pipeline also hands to the source.
    if (OWN_ERRORS.some((type) => e instanceof type) || (e as NodeJS.ErrnoException)?.syscall) throw e;
    // The source failed (client gone, malformed body), possibly before we listened: not our fault.
    const failed = sourceError ?? source.errored ?? undefined;
    if (failed !== undefined && failed !== null) throw new UploadInterruptedError(failed);
    if ((e as NodeJS.ErrnoException)?.code === "ERR_STREAM_PREMATURE_CLOSE") throw new UploadInterruptedError(e);
    throw e;
  }
  const fileType = inspector.fileType!;
  return {
    path: tempPath,
    size: inspector.size,
    sha256: inspector.hash.digest("hex"),
    fileType,
    contentType: EVIDENCE_CONTENT_TYPES[fileType],
    discard: () => rm(tempPath, { force: true }),
  };
}
