import { sql } from "drizzle-orm";
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
 * import that changes many rows). Two statements in all, so that concurrent writers of one agency
 * hold the head's lock for one statement and the commit.
 */
export async function recordAudits(tx: Tx, ctx: AuditContext, inputs: AuditInput[]): Promise<void> {
  if (!inputs.length) return;
  const agencyId = inputs[0]!.agencyId;
  if (inputs.some((i) => i.agencyId !== agencyId)) throw new Error("recordAudits: every event must belong to one chain");
  // One statement finds the chain (the agency's code), creates its head on first use and locks it:
  // an upsert whose update changes nothing returns the head as it stands, locked until commit.
  const chain = agencyId == null ? sql`'national'` : sql`coalesce((select ${agencies.code} from ${agencies} where ${agencies.id} = ${agencyId}), ${`agency:${agencyId}`})`;
  const [head] = await tx
    .insert(auditChains)
    .values({ chain, lastSeq: 0, lastHash: GENESIS_HASH })
    .onConflictDoUpdate({ target: auditChains.chain, set: { chain: sql`excluded.chain` } })
    .returning();
  let [seq, prevHash] = [head!.lastSeq, head!.lastHash];
  const rows = inputs.map((input) => {
    const fields = {
      chain: head!.chain,
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
  // The events and the new head in one statement.
  await tx.execute(sql`with e as (${tx.insert(auditEvents).values(rows).getSQL()}) update ${auditChains} set last_seq = ${seq}, last_hash = ${prevHash} where ${auditChains.chain} = ${head!.chain}`);
}
