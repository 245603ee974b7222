import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { agencies, auditChains, auditEvents } from "../schema";
import { auditHash, GENESIS_HASH } from "./audit-hash";

/** Who did it and from where; built once per request. */
export interface AuditContext {
  actorUserId: number | null;
  /** E-mail of the actor, or "cli", "system". */
  actorLabel: string;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditInput {
  agencyId: number | null;
  action: string;
  targetType: string;
  targetId: string | number | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Keeps only the fields that changed, so the trail shows what was edited. */
function diff(before: Record<string, unknown> | null, after: Record<string, unknown> | null) {
  if (!before || !after) return { before, after };
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return { before: Object.fromEntries(keys.map((k) => [k, before[k]])), after: Object.fromEntries(keys.map((k) => [k, after[k]])) };
}

/**
 * Appends an audit event inside the caller's transaction, so the event exists exactly when the
 * change does. The chain head is locked FOR UPDATE, which orders concurrent writers of one agency.
 * Secrets (password hashes, tokens) must never be passed in before/after.
 */
export async function recordAudit(tx: Tx, ctx: AuditContext, input: AuditInput): Promise<void> {
  let chain = "national";
  if (input.agencyId !== null) {
    const [a] = await tx.select({ code: agencies.code }).from(agencies).where(eq(agencies.id, input.agencyId));
    chain = a?.code ?? `agency:${input.agencyId}`;
  }
  await tx.insert(auditChains).values({ chain, lastSeq: 0, lastHash: GENESIS_HASH }).onConflictDoNothing();
  const [head] = await tx.select().from(auditChains).where(eq(auditChains.chain, chain)).for("update");
  const fields = {
    chain,
    seq: head!.lastSeq + 1,
    agencyId: input.agencyId,
    actorUserId: ctx.actorUserId,
    actorLabel: ctx.actorLabel,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId === null ? null : String(input.targetId),
    changes: diff(input.before ?? null, input.after ?? null),
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    createdAt: new Date(),
    prevHash: head!.lastHash,
  };
  const hash = auditHash({ ...fields, createdAt: fields.createdAt.toISOString() });
  await tx.insert(auditEvents).values({ ...fields, hash });
  await tx.update(auditChains).set({ lastSeq: fields.seq, lastHash: hash }).where(eq(auditChains.chain, chain));
}
