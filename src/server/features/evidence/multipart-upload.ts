import type { Readable } from "node:stream";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import "@fastify/multipart";
import { EmptyUploadError, UnsupportedUploadTypeError, UploadInterruptedError, UploadTooLargeError } from "../../../lib/storage";
import { findUnstorableText } from "../../../lib/text-safety";
import { AppError, invalidText, validationError, invalidField } from "../../errors";

/** The text fields of an upload (validated) and its file part, not read yet. */
export interface IncomingUpload<T> {
  fields: T;
  file: Readable;
  fileName: string | undefined;
}

/**
 * Reads a multipart upload up to its file part: the text fields come first and are validated
 * before a byte of the file is read; the file stays a stream for the caller to consume once.
 */
export async function readUpload<S extends z.ZodType>(req: FastifyRequest, schema: S): Promise<IncomingUpload<z.output<S>>> {
  if (!req.isMultipart()) throw new AppError(415, "unsupported_media_type", "send the fields and the file as multipart/form-data");
  let part;
  try {
    part = await req.file();
  } catch (e) {
    const status = (e as { statusCode?: number }).statusCode;
    if (typeof status === "number" && status >= 400 && status < 500) throw e;
    throw new AppError(400, "bad_request", `malformed multipart body: ${(e as Error).message}`);
  }
  if (!part) throw invalidField("file_missing", "file", "missing (send the text fields first, then the file)");
  const values: Record<string, string> = {};
  for (const [name, entry] of Object.entries(part.fields)) {
    const first = Array.isArray(entry) ? entry[0] : entry;
    if (first?.type === "field" && typeof first.value === "string") values[name] = first.value;
  }
  const unstorable = findUnstorableText(values, "body");
  if (unstorable) {
    part.file.destroy();
    throw invalidText(unstorable);
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    part.file.destroy();
    const issue = parsed.error.issues[0]!;
    throw validationError(`${issue.path.join(".") || "body"}: ${issue.message}`);
  }
  // A client that goes away mid-file must fail the file stream, so the caller's staging removes its
  // temporary file at once: the multipart parser does not always end the stream when the socket closes.
  const file = part.file;
  const abandon = () => {
    if (!req.raw.complete && !file.destroyed) file.destroy(new Error("the client closed the connection before the file ended"));
  };
  req.raw.once("close", abandon);
  file.once("close", () => req.raw.off("close", abandon));
  return { fields: parsed.data, file, fileName: part.filename || undefined };
}

/**
 * Maps a failed upload to its HTTP answer (413, 415, 400). When the request body was not read to
 * its end, the connection is closed after the answer rather than reading the rest of the file.
 */
export function uploadFailure(e: unknown, req: FastifyRequest, reply: FastifyReply): unknown {
  if (!req.raw.readableEnded) reply.header("connection", "close");
  if (e instanceof UploadTooLargeError) return new AppError(413, "payload_too_large", `file: larger than the limit of ${formatMegabytes(e.maxBytes)}`, { field: "file", limitMegabytes: e.maxBytes / (1024 * 1024) });
  if (e instanceof UnsupportedUploadTypeError) return new AppError(415, "unsupported_media_type", `file: ${e.message}`, { field: "file" });
  if (e instanceof EmptyUploadError) return invalidField("file_empty", "file", "the file is empty");
  if (e instanceof UploadInterruptedError) return new AppError(400, "upload_interrupted", e.message);
  return e;
}

const formatMegabytes = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.floor(bytes / (1024 * 1024))} MB` : `${bytes} bytes`);
