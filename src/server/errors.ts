import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { replyDatabaseUnavailable } from "./database-unavailable";
import { isSerializationFailure, isUniqueViolation } from "../db/pg-errors";
import type { ErrorCode } from "./error-codes";

/** An error with a stable machine-readable code and the HTTP status it maps to. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what = "resource") => new AppError(404, "not_found", `${what} not found`, { resource: what });
/** A 400 whose message reads `field: problem`; `details.field` names the field (taken from the message when not given). */
export const validationError = (message: string, details?: Record<string, unknown>) =>
  new AppError(400, "validation_error", message, { field: fieldOf(message), ...details });
/** A 400 with its own code; the message reads `field: problem` and `details.field` names the field. */
export const invalidField = (code: ErrorCode, field: string, problem: string, details?: Record<string, unknown>) =>
  new AppError(400, code, `${field}: ${problem}`, { field, ...details });
const fieldOf = (message: string) => /^([\w.[\]]+):/.exec(message)?.[1] ?? "body";
/** Text PostgreSQL cannot store (a NUL character or a lone surrogate) in the named field, e.g. `query.q`. */
export const invalidText = (field: string) =>
  new AppError(400, "invalid_text", `${field}: contains a NUL character or an unpaired surrogate`, { field });

/**
 * Maps every error to `{ error, message, details? }` with the right status. Validation messages read
 * `field: message` (and `details.field` names it); unexpected errors are logged and answered without
 * internals. Safety net for races a command did not turn into its own 409: a unique violation
 * (23505), a serialization failure (40001) or a deadlock (40P01) answers 409 `conflict` — the
 * transaction was rolled back, so the client may reload and try again.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    const unavailable = replyDatabaseUnavailable(err, req, reply);
    if (unavailable) return unavailable;
    if (err instanceof AppError) {
      return reply.status(err.statusCode).send({ error: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const first = err.validation[0];
      const field = [err.validationContext, ...(first?.instancePath ?? "").split("/").filter(Boolean)].join(".");
      return reply.status(400).send({ error: "validation_error", message: `${field}: ${first?.message ?? "invalid"}`, details: { field } });
    }
    if (isUniqueViolation(err) || isSerializationFailure(err)) {
      req.log.warn({ err }, "concurrent write answered 409");
      return reply.status(409).send({ error: "conflict", message: "another request changed the same data at the same time; reload and try again", details: { concurrent: true } });
    }
    const status = typeof err.statusCode === "number" && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) {
      req.log.error({ err }, "unhandled error");
      return reply.status(500).send({ error: "internal_error", message: "an unexpected error occurred" });
    }
    const code: ErrorCode = status === 413 ? "payload_too_large" : status === 415 ? "unsupported_media_type" : "bad_request";
    return reply.status(status).send({ error: code, message: err.message });
  });
  app.setNotFoundHandler((req, reply) => reply.status(404).send({ error: "not_found", message: `no route ${req.method} ${req.url.split("?")[0]}`, details: { resource: "route" } }));
}
