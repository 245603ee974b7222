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
  await recordAudits(tx, ctx, [input]);
}

/**
 * Appends several audit events of one agency (or all national) in order, inside the caller's
 * transaction: the chain head is locked once and the events are inserted in one statement (an
 * import that changes many rows).
 */
export async function recordAudits(tx: Tx, ctx: AuditContext, inputs: AuditInput[]): Promise<void> {
  if (!inputs.length) return;
  const agencyId = inputs[0]!.agencyId;
  if (inputs.some((i) => i.agencyId !== agencyId)) throw new Error("recordAudits: every event must belong to one chain");
  let chain = "national";
  if (agencyId !== null) {
    const [a] = await tx.select({ code: agencies.code }).from(agencies).where(eq(agencies.id, agencyId));
    chain = a?.code ?? `agency:${agencyId}`;
  }
  await tx.insert(auditChains).values({ chain, lastSeq: 0, lastHash: GENESIS_HASH }).onConflictDoNothing();
  const [head] = await tx.select().from(auditChains).where(eq(auditChains.chain, chain)).for("update");
  let [seq, prevHash] = [head!.lastSeq, head!.lastHash];
  const rows = inputs.map((input) => {
    const fields = {
      chain,
      seq: ++seq,
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
      prevHash,
    };
    const hash = auditHash({ ...fields, createdAt: fields.createdAt.toISOString() });
    prevHash = hash;
    return { ...fields, hash };
  });
  await tx.insert(auditEvents).values(rows);
  await tx.update(auditChains).set({ lastSeq: seq, lastHash: prevHash }).where(eq(auditChains.chain, chain));
}
