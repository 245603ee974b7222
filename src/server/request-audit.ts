import type { FastifyRequest } from "fastify";
import type { AuditContext } from "../db/audit/record-audit";
import { storableText } from "../lib/text-safety";

/** The request's User-Agent as it may be stored: at most 300 characters, without NUL or lone surrogates; null when absent. */
export function storableUserAgent(req: FastifyRequest): string | null {
  return storableText((req.headers["user-agent"] ?? "").slice(0, 300)) || null;
}

/** The audit context of a request: actor, IP and user agent. */
export function auditContextOf(req: FastifyRequest): AuditContext {
  return {
    actorUserId: req.auth?.user.id ?? null,
    actorLabel: req.auth?.user.email ?? "anonymous",
    ip: req.ip ?? null,
    userAgent: storableUserAgent(req),
  };
}
