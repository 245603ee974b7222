import { createHash } from "node:crypto";
import type { FastifyInstance } from "fastify";

/** Seconds a browser or proxy may reuse a public answer without asking again. */
export const PUBLIC_MAX_AGE = 300;

/** True when an `If-None-Match` header names `etag` (weak comparison, as RFC 9110 asks for GET). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
}

/**
 * Makes every successful answer of the routes in `app` cacheable: a strong ETag (SHA-256 of the
 * body as sent), `Cache-Control: public`, and 304 without a body when the client already holds it.
 * Hashing the body rather than a data version keeps the tag right for every format and filter.
 */
export function registerPublicCaching(app: FastifyInstance): void {
  app.addHook("onSend", async (req, reply, payload) => {
    if (reply.statusCode !== 200 || (typeof payload !== "string" && !Buffer.isBuffer(payload))) return payload;
    const etag = `"${createHash("sha256").update(payload).digest("base64url")}"`;
    reply.header("etag", etag);
    if (!reply.hasHeader("cache-control")) reply.header("cache-control", `public, max-age=${PUBLIC_MAX_AGE}`);
    if (etagMatches(req.headers["if-none-match"], etag)) {
      reply.code(304);
      reply.removeHeader("content-length");
      return "";
    }
    return payload;
  });
}
