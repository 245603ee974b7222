import { createHash } from "node:crypto";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { FastifyReply, FastifyRequest } from "fastify";

/** Headers of an answer that are replayed with it (the rest are the route's per-request business). */
const KEPT_HEADERS = ["content-type", "content-disposition", "cache-control"] as const;

/** Bodies smaller than this are sent as they are: compressing them saves less than the headers cost. */
const MIN_COMPRESS_BYTES = 1024;

/**
 * An answer built once and served many times: the body as sent, its gzip and brotli forms (made once,
 * when the answer is built), a strong ETag and the headers that belong to it.
 */
export interface PreparedAnswer {
  identity: Buffer;
  gzip: Buffer | null;
  br: Buffer | null;
  etag: string;
  headers: Partial<Record<(typeof KEPT_HEADERS)[number], string>>;
}

/** Bytes held by a prepared answer (the cache's size bound). */
export const preparedSize = (a: PreparedAnswer): number => a.identity.length + (a.gzip?.length ?? 0) + (a.br?.length ?? 0);

/** Prepares the answer a route has just built, keeping the headers it set (type, file name, caching). */
export function prepareAnswer(payload: string | Buffer, reply: FastifyReply): PreparedAnswer {
  const headers: PreparedAnswer["headers"] = {};
  for (const name of KEPT_HEADERS) {
    const value = reply.getHeader(name);
    if (value !== undefined) headers[name] = String(value);
  }
  return prepareBody(payload, headers);
}

/** Compresses `payload` once (brotli at a moderate level, gzip at 6) and tags it with its SHA-256. */
export function prepareBody(payload: string | Buffer, headers: PreparedAnswer["headers"]): PreparedAnswer {
  const identity = typeof payload === "string" ? Buffer.from(payload) : payload;
  const big = identity.length >= MIN_COMPRESS_BYTES;
  return {
    identity,
    gzip: big ? gzipSync(identity, { level: 6 }) : null,
    br: big ? brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 6, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length } }) : null,
    etag: `"${createHash("sha256").update(identity).digest("base64url")}"`,
    headers,
  };
}

/** The q-value an Accept-Encoding header gives `coding`: its own entry, else `*`, else 0 (not accepted). */
function qualityOf(header: string, coding: string): number {
  let wildcard = 0;
  for (const part of header.split(",")) {
    const [rawName = "", ...params] = part.split(";");
    const name = rawName.trim().toLowerCase();
    const q = params.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith("q="));
    const value = q === undefined ? 1 : Number(q.slice(2));
    const quality = Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
    if (name === coding) return quality;
    if (name === "*") wildcard = quality;
  }
  return wildcard;
}

/** The encoding to send: brotli, then gzip, when the client accepts it and the answer has it. */
export function chooseEncoding(acceptEncoding: string | undefined, answer: PreparedAnswer): "br" | "gzip" | "identity" {
  if (!acceptEncoding) return "identity";
  const br = answer.br ? qualityOf(acceptEncoding, "br") : 0;
  const gzip = answer.gzip ? qualityOf(acceptEncoding, "gzip") : 0;
  if (br > 0 && br >= gzip) return "br";
  if (gzip > 0) return "gzip";
  return "identity";
}

/** True when an `If-None-Match` header names `etag` (weak comparison, as RFC 9110 asks for GET). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
}

/**
 * Sets the headers of a prepared answer on `reply` and returns the bytes to send: nothing (304) when the
 * client already holds this ETag, else the body in the best encoding the client accepts.
 */
export function preparedPayload(req: FastifyRequest, reply: FastifyReply, answer: PreparedAnswer): Buffer | string {
  for (const [name, value] of Object.entries(answer.headers)) reply.header(name, value);
  reply.header("etag", answer.etag);
  if (answer.gzip || answer.br) reply.header("vary", "Accept-Encoding");
  if (etagMatches(req.headers["if-none-match"], answer.etag)) {
    reply.code(304);
    reply.removeHeader("content-length");
    return "";
  }
  const encoding = chooseEncoding(req.headers["accept-encoding"], answer);
  if (encoding === "identity") return answer.identity;
  reply.header("content-encoding", encoding);
  return encoding === "br" ? answer.br! : answer.gzip!;
}
