import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AppContext } from "../../context";
import { generationOf, PUBLISHED_SCOPE } from "../../../db/queries/cache-generations";
import { cacheCharsFromEnv, ResponseCache } from "../../cache/response-cache";
import { preparedPayload, preparedSize, prepareAnswer, type PreparedAnswer } from "../../cache/prepared-answer";

export { etagMatches } from "../../cache/prepared-answer";

/** Seconds a browser or proxy may reuse a public answer without asking again. */
export const PUBLIC_MAX_AGE = 300;

/** The published-data counter, read at most once per `windowMs` (concurrent requests share one read). */
function publishedVersion(ctx: AppContext, scope: string, windowMs: number, now: () => number): () => Promise<number> {
  let pending: Promise<number> | null = null;
  let readAt = -Infinity;
  return () => {
    if (pending && now() - readAt < windowMs) return pending;
    readAt = now();
    const read = generationOf(ctx.database.db, scope);
    pending = read;
    read.catch(() => {
      if (pending === read) pending = null; // a failed read is not reused
    });
    return read;
  };
}

/**
 * The path with the validated query (the schema keeps only the parameters it knows, coerced), keys
 * sorted: every URL that asks for the same answer has the same key.
 */
function canonicalKey(req: FastifyRequest): string {
  const path = req.url.split("?", 1)[0]!;
  const query = req.query && typeof req.query === "object" ? (req.query as Record<string, unknown>) : {};
  const known = Object.keys(query)
    .filter((k) => query[k] !== undefined)
    .sort()
    .map((k) => [k, query[k]]);
  return `${path}\u0000${JSON.stringify(known)}`;
}

/**
 * Public answers are the same for everyone and change only when published data does: each is built
 * once per change of the published-data counter, compressed once (brotli and gzip), and then served
 * from memory with its ETag (304 when the client holds it), `Cache-Control: public`, `Vary:
 * Accept-Encoding` and `Access-Control-Allow-Origin: *` (open data may be fetched from any site).
 * Looked up by the raw URL first (no parsing at all), then — once the query is validated — by its
 * canonical form (path and the parsed, known query parameters in a fixed order), so a query padded
 * with unknown parameters or reordered is served from memory instead of building the answer again.
 * Bounded by PANDU_CACHE_MB like the other response caches. `scope` names the counter that guards
 * the plugin's answers (the published results by default; the service catalogue has its own).
 */
export function registerPublicCaching(app: FastifyInstance, ctx: AppContext, scope: string = PUBLISHED_SCOPE): void {
  const cache = new ResponseCache<PreparedAnswer>(cacheCharsFromEnv(), preparedSize);
  const version = publishedVersion(ctx, scope, ctx.publicCacheMs ?? 0, () => performance.now());
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

  app.addHook("preHandler", async (req, reply) => {
    if (req.method !== "GET" && req.method !== "HEAD") return;
    const v = versionOf.get(req);
    const hit = v === undefined ? undefined : cache.get(canonicalKey(req), v);
    if (!hit) return;
    fromCache.add(req);
    cache.set(req.url, v!, hit);
    return reply.send(preparedPayload(req, reply, hit));
  });

  app.addHook("onSend", async (req, reply, payload) => {
    if (fromCache.has(req)) return payload;
    if (reply.statusCode !== 200 || (typeof payload !== "string" && !Buffer.isBuffer(payload))) return payload;
    if (!reply.hasHeader("cache-control")) reply.header("cache-control", `public, max-age=${PUBLIC_MAX_AGE}`);
    const answer = prepareAnswer(payload, reply);
    const v = versionOf.get(req);
    if (v !== undefined) {
      cache.set(canonicalKey(req), v, answer);
      cache.set(req.url, v, answer);
    }
    return preparedPayload(req, reply, answer);
  });
}
