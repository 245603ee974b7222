import os from "node:os";
import type { AuditContext } from "../db/audit/record-audit";

/** Audit context of a CLI action: the operating-system user on this host. */
export function cliAuditContext(): AuditContext {
  return { actorUserId: null, actorLabel: `cli:${os.userInfo().username}@${os.hostname()}`, ip: null, userAgent: "pandu-cli" };
}
