import { bigserial, index, integer, jsonb, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";

/**
 * The audit trail. Events form one hash chain per agency (chain = agency code, or "national" for
 * platform-wide events): each stores the hash of the previous one, so `pandu audit verify` detects
 * an altered, removed or reordered event.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    chain: text("chain").notNull(),
    seq: integer("seq").notNull(),
    agencyId: integer("agency_id"),
    actorUserId: integer("actor_user_id"),
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    changes: jsonb("changes").$type<{ before: Record<string, unknown> | null; after: Record<string, unknown> | null }>().notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [unique("audit_chain_seq_uq").on(t.chain, t.seq), index("audit_agency_idx").on(t.agencyId, t.createdAt), index("audit_actor_idx").on(t.actorUserId)],
);

/** The head of each chain; locked FOR UPDATE while appending so events are strictly sequential. */
export const auditChains = pgTable("audit_chains", {
  chain: text("chain").primaryKey(),
  lastSeq: integer("last_seq").notNull(),
  lastHash: text("last_hash").notNull(),
});
