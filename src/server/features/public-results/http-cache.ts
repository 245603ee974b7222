import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AppContext } from "../../context";
import { generationOf, PUBLISHED_SCOPE } from "../../../db/queries/cache-generations";
import { cacheCharsFromEnv, ResponseCache } from "../../cache/response-cache";
import { preparedPayload, preparedSize, prepareAnswer, type PreparedAnswer } from "../../cache/prepared-answer";

export { etagMatches } from "../../cache/prepared-answer";

/** Seconds a browser or proxy may reuse a public answer without asking again. */
export const PUBLIC_MAX_AGE = 300;

/** The published-data counter, read at most once per `windowMs` (concurrent requests share one read). */
function publishedVersion(ctx: AppContext, windowMs: number, now: () => number): () => Promise<number> {
  let pending: Promise<number> | null = null;
  let readAt = -Infinity;
  return () => {
    if (pending && now() - readAt < windowMs) return pending;
    readAt = now();
    const read = generationOf(ctx.database.db, PUBLISHED_SCOPE);
    pending = read;
    read.catch(() => {
      if (pending === read) pending = null; // a failed read is not reused
    });
    return read;
  };
}

/**
 * Public answers are the same for everyone and change only when published data does: each is built
 * once per change of the published-data counter, compressed once (brotli and gzip), and then served
 * from memory with its ETag (304 when the client holds it), `Cache-Control: public`, `Vary:
 * Accept-Encoding` and `Access-Control-Allow-Origin: *` (open data may be fetched from any site).
 * Keyed by the full URL (path and query); bounded by PANDU_CACHE_MB like the other response caches.
 */
export function registerPublicCaching(app: FastifyInstance, ctx: AppContext): void {
  const cache = new ResponseCache<PreparedAnswer>(cacheCharsFromEnv(), preparedSize);
  const version = publishedVersion(ctx, ctx.publicCacheMs ?? 0, () => performance.now());
  const versionOf = new WeakMap<FastifyRequest, number>();
  const fromCache = new WeakSet<FastifyRequest>();

  app.addHook("onRequest", async (req, reply) => {
    reply.header("access-control-allow-origin", "*");
    if (req.method !== "GET" && req.method !== "HEAD") return;
    const v = await version();
    versionOf.set(req, v);
    const hit = cache.get(req.url, v);
    if (!hit) return;
    fromCache.add(req);
    return reply.send(preparedPayload(req, reply, hit));
  });

  app.addHook("onSend", async (req, reply, payload) => {
    if (fromCache.has(req)) return payload;
    if (reply.statusCode !== 200 || (typeof payload !== "string" && !Buffer.isBuffer(payload))) return payload;
    if (!reply.hasHeader("cache-control")) reply.header("cache-control", `public, max-age=${PUBLIC_MAX_AGE}`);
    const answer = prepareAnswer(payload, reply);
    const v = versionOf.get(req);
    if (v !== undefined) cache.set(req.url, v, answer);
    return preparedPayload(req, reply, answer);
  });
}
