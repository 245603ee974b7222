import type { FastifyReply, FastifyRequest } from "fastify";
import { withReadRetry } from "../db/client";
import { isConnectionError } from "../db/connection-errors";

/** Seconds a client is asked to wait before trying again after the database was unavailable. */
export const DATABASE_RETRY_AFTER_S = 5;

/**
 * Answers 503 `database_unavailable` with `Retry-After` when the error is a lost, refused or
 * stalled database connection (see `isConnectionError`), and returns the reply; otherwise null and
 * the caller maps the error as usual. Called first by the error handler (errors.ts).
 */
export function replyDatabaseUnavailable(err: unknown, req: FastifyRequest, reply: FastifyReply): FastifyReply | null {
  if (!isConnectionError(err)) return null;
  req.log.warn({ err }, "database unavailable");
  return reply
    .status(503)
    .header("retry-after", String(DATABASE_RETRY_AFTER_S))
    .send({ error: "database_unavailable", message: "the database is unavailable; try again shortly" });
}

/** An onRequest hook: a GET (or HEAD) request's single statements are sent again once after a lost connection. */
export function retryReadsOfIdempotentRequests(req: FastifyRequest, _reply: FastifyReply, done: () => void): void {
  if (req.method === "GET" || req.method === "HEAD") withReadRetry(done);
  else done();
}
