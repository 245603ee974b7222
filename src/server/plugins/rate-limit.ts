import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance } from "fastify";
import { AppError } from "../errors";

/**
 * Per-route request limits for the public, unauthenticated endpoints (survey answers, complaints,
 * citizen sign-in codes). Off unless a route opts in with `config: { rateLimit: { max, timeWindow, keyGenerator? } }`;
 * the default key is the client IP (`request.ip`, which honours `trustProxy`). Counters live in the
 * process: with several instances each keeps its own, so the effective limit is `max × instances`
 * (documented in ARCHITECTURE.md "Several instances"). A refused request answers 429
 * `too_many_requests` with `details.retryAfterSeconds` and a Retry-After header.
 */
export async function registerRateLimit(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => {
      const retryAfterSeconds = Math.max(1, Math.ceil(context.ttl / 1000));
      return new AppError(429, "too_many_requests", `too many requests; try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
    },
  });
}
