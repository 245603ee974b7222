import type { listAuditEvents } from "../../../db/queries/audit";
import type { AuditEventResponse } from "./audit.schema";

type Row = Awaited<ReturnType<typeof listAuditEvents>>[number];

/** An audit event without its chain internals (sequence and hashes stay for `pandu audit verify`). */
export function presentAuditEvent({ event: e, agencyCode }: Row): AuditEventResponse {
  return {
    id: e.id,
    at: e.createdAt.toISOString(),
    agencyCode,
    actor: e.actorLabel,
    action: e.action,
    target: { type: e.targetType, id: e.targetId },
    changes: e.changes,
    ip: e.ip,
    userAgent: e.userAgent,
  };
}

const COLUMNS = ["id", "at", "agency_code", "actor", "action", "target_type", "target_id", "before", "after", "ip", "user_agent"];

/** CSV rows for the export. */
export function auditCsvRecords(events: AuditEventResponse[]): unknown[][] {
  return [
    COLUMNS,
    ...events.map((e) => [e.id, e.at, e.agencyCode ?? "", e.actor, e.action, e.target.type, e.target.id ?? "", JSON.stringify(e.changes.before), JSON.stringify(e.changes.after), e.ip ?? "", e.userAgent ?? ""]),
  ];
}
