import type { FastifyRequest } from "fastify";
import { AppError, invalidField } from "./errors";

/** One small uploaded file held in memory: its bytes and what the client said it is. */
export interface BufferedFile {
  bytes: Buffer;
  filename: string;
  mimetype: string;
}

/**
 * Reads the single file part of a multipart request into memory (logos, instrument files, LKE
 * workbooks — files of a few MB at most; evidence streams instead). The route's multipart limit caps
 * the size: a file over it answers `tooLarge()` and closes the connection, so the client stops
 * sending; a missing or empty file and a malformed body are 400s that name the field.
 */
export async function readBufferedFile(req: FastifyRequest, reply: { header: (k: string, v: string) => unknown }, tooLarge: () => AppError): Promise<BufferedFile> {
  let part;
  try {
    part = await req.file({ throwFileSizeLimit: false });
  } catch (e) {
    const status = (e as { statusCode?: number }).statusCode;
    if (typeof status === "number" && status >= 400 && status < 500) throw e;
    throw new AppError(400, "bad_request", `malformed multipart body: ${(e as Error).message}`);
  }
  if (!part) throw invalidField("file_missing", "file", "missing");
  const bytes = await part.toBuffer();
  if (part.file.truncated) {
    reply.header("connection", "close");
    throw tooLarge();
  }
  if (!bytes.length) throw invalidField("file_empty", "file", "the file is empty");
  return { bytes, filename: part.filename, mimetype: part.mimetype };
}
