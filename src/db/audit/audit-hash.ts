import { createHash } from "node:crypto";

/** The fields of an audit event that its hash covers, in a fixed order. */
export interface HashedAuditFields {
  chain: string;
  seq: number;
  agencyId: number | null;
  actorUserId: number | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  changes: unknown;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
  prevHash: string;
}

/** JSON with object keys sorted at every depth, so equal content always hashes equally. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** SHA-256 over the canonical form of the event including the previous event's hash. */
export function auditHash(e: HashedAuditFields): string {
  const ordered = [e.chain, e.seq, e.agencyId, e.actorUserId, e.actorLabel, e.action, e.targetType, e.targetId, e.changes, e.ip, e.userAgent, e.createdAt, e.prevHash];
  return createHash("sha256").update(canonicalJson(ordered)).digest("hex");
}

/** The prevHash of the first event of every chain. */
export const GENESIS_HASH = "0".repeat(64);
