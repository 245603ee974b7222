import { createWriteStream } from "node:fs";
import { mkdir, open, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { pipeline as pipelineCallback } from "node:stream";
import { detectFileType, SNIFF_BYTES } from "../file-type";
import { UnsupportedUploadTypeError, UploadInterruptedError } from "./stage-upload";
import type { MultipartStore } from "./evidence-storage";

/** The chunk does not start where the partial file ends: the client must ask for the offset and resume from there. */
export class OffsetMismatchError extends Error {
  constructor(readonly offset: number) {
    super(`the upload continues at byte ${offset}`);
    this.name = "OffsetMismatchError";
  }
}

/** The chunk carries bytes past the size declared when the upload started. */
export class BeyondDeclaredSizeError extends Error {
  constructor(readonly size: number) {
    super(`the file was declared as ${size} bytes; this chunk goes beyond that`);
    this.name = "BeyondDeclaredSizeError";
  }
}

/** Where the partial file of a resumable upload lives: a folder of its own, which the temp-file sweep leaves alone. */
export function partDir(tempDir: string): string {
  return path.join(tempDir, "resumable");
}

export function partPath(tempDir: string, uploadId: string): string {
  return path.join(partDir(tempDir), `${uploadId}.part`);
}

/** Creates the empty partial file of a new upload (fails if it exists). */
export async function createPart(file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const handle = await open(file, "wx", 0o600);
  await handle.close();
}

/** How many bytes have arrived: the partial file's length; null when it is gone. */
export async function partLength(file: string): Promise<number | null> {
  const info = await stat(file).catch(() => null);
  return info?.isFile() ? info.size : null;
}

export const removePart = (file: string) => rm(file, { force: true });

/** Passes bytes through while counting them, and fails at the first byte past `limit`. */
class Limit extends Transform {
  passed = 0;
  constructor(
    private readonly limit: number,
    private readonly size: number,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: (err?: Error | null, data?: Buffer) => void): void {
    if (this.passed + chunk.length > this.limit) return done(new BeyondDeclaredSizeError(this.size));
    this.passed += chunk.length;
    done(null, chunk);
  }
}

/**
 * Appends one chunk to a partial file, starting at `offset`, which must be the file's length.
 * Bytes that arrived before the client went away are kept and flushed (that is what makes the
 * upload resumable). Once the first 64 KB (or the whole file) are in, the type is checked by
 * content, so a disguised file is refused early rather than after the last chunk. Returns the new
 * length. The caller holds the upload's claim (`claimUploadSession`), so only one chunk is written at a time.
 */
export async function appendToPart(file: string, source: Readable, offset: number, size: number): Promise<number> {
  let sourceError: unknown;
  source.on("error", (e: unknown) => (sourceError ??= e));
  const before = await partLength(file);
  if (before === null) throw new Error(`partial file ${file} is missing`);
  if (before !== offset) {
    source.resume();
    throw new OffsetMismatchError(before);
  }
  let failure: unknown;
  try {
    await pipeline(source, new Limit(size - offset, size), createWriteStream(file, { flags: "a", flush: true }));
  } catch (e) {
    failure = e;
  }
  const after = (await partLength(file)) ?? before;
  if (after > size) {
    // Never keep bytes past the declared size (a partial write of the offending chunk).
    const handle = await open(file, "r+");
    await handle.truncate(size);
    await handle.close();
  }
  if (before < SNIFF_BYTES && after > before) await checkHead(file, Math.min(after, size), size);
  if (failure instanceof BeyondDeclaredSizeError) throw failure;
  if (failure) {
    if ((failure as NodeJS.ErrnoException)?.syscall) throw failure;
    throw new UploadInterruptedError(sourceError ?? failure);
  }
  return Math.min(after, size);
}

/** Refuses the upload as soon as its first bytes show it is not an allowed type. */
async function checkHead(file: string, length: number, size: number): Promise<void> {
  const handle = await open(file, "r");
  try {
    const head = Buffer.alloc(Math.min(length, SNIFF_BYTES));
    await handle.read(head, 0, head.length, 0);
    if (detectFileType(head, length >= size) === null) throw new UnsupportedUploadTypeError();
  } finally {
    await handle.close();
  }
}

/** A chunk that does not finish the file is shorter than the store's smallest part (S3: 5 MiB). */
export class ChunkTooSmallError extends Error {
  constructor(readonly minBytes: number) {
    super(`every chunk but the last must be at least ${minBytes} bytes`);
    this.name = "ChunkTooSmallError";
  }
}

/**
 * Sends one chunk as the next part of a multipart upload (S3), streamed: `length` is the request's
 * Content-Length, checked against the declared size and the store's smallest part before a byte
 * is sent. A chunk cut short stores nothing (the part is sent again on the retry, under the same
 * number), so the offset only moves by whole chunks. The first chunk's head is type-checked, as
 * for a partial file. Answers the part's ETag.
 */
export async function sendPart(store: MultipartStore, part: { uploadId: string; multipartId: string; partNumber: number }, source: Readable, offset: number, length: number, size: number): Promise<string> {
  if (offset + length > size) {
    source.resume();
    throw new BeyondDeclaredSizeError(size);
  }
  if (offset + length < size && length < store.minPartBytes) {
    source.resume();
    throw new ChunkTooSmallError(store.minPartBytes);
  }
  let sourceError: unknown;
  source.on("error", (e: unknown) => (sourceError ??= e));
  const head: Buffer[] = [];
  let headLength = 0;
  let passed = 0;
  const body = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      passed += chunk.length;
      if (passed > length) return done(new BeyondDeclaredSizeError(size));
      if (offset === 0 && headLength < SNIFF_BYTES) {
        const bit = chunk.subarray(0, SNIFF_BYTES - headLength);
        head.push(bit);
        headLength += bit.length;
      }
      done(null, chunk);
    },
  });
  // A failing client destroys the body too, so the request to the store is aborted rather than left waiting.
  pipelineCallback(source, body, () => {});
  let etag: string;
  try {
    etag = await store.uploadPart(part.uploadId, part.multipartId, part.partNumber, body, length);
  } catch (e) {
    if (e instanceof BeyondDeclaredSizeError) throw e;
    if (sourceError !== undefined || source.errored) throw new UploadInterruptedError(sourceError ?? source.errored);
    throw e;
  }
  if (passed !== length) throw new UploadInterruptedError(new Error(`${passed} of ${length} bytes arrived`));
  if (offset === 0 && detectFileType(Buffer.concat(head), headLength >= SNIFF_BYTES || length >= size) === null) throw new UnsupportedUploadTypeError();
  return etag;
}
