import type { FastifyRequest } from "fastify";
import type { AuditContext } from "../db/audit/record-audit";

/** The audit context of a request: actor, IP and user agent. */
export function auditContextOf(req: FastifyRequest): AuditContext {
  return {
    actorUserId: req.auth?.user.id ?? null,
    actorLabel: req.auth?.user.email ?? "anonymous",
    ip: req.ip ?? null,
    userAgent: (req.headers["user-agent"] ?? "").slice(0, 300) || null,
  };
}
