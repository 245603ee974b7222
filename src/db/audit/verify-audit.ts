import { asc } from "drizzle-orm";
import type { Db } from "../client";
import { auditChains, auditEvents } from "../schema";
import { auditHash, GENESIS_HASH } from "./audit-hash";

export interface AuditVerification {
  ok: boolean;
  chains: number;
  events: number;
  /** The first broken link per broken chain, in words. */
  problems: string[];
}

/**
 * Walks every chain in order and checks that sequence numbers run 1..n without gaps, that each event
 * points at its predecessor's hash, that each stored hash matches the event's content, and that the
 * chain head names the last event (so removing the newest event is detected too).
 */
export async function verifyAudit(db: Db): Promise<AuditVerification> {
  const events = await db.select().from(auditEvents).orderBy(asc(auditEvents.chain), asc(auditEvents.seq), asc(auditEvents.id));
  const heads = new Map((await db.select().from(auditChains)).map((h) => [h.chain, h]));
  const byChain = new Map<string, typeof events>();
  for (const e of events) byChain.set(e.chain, [...(byChain.get(e.chain) ?? []), e]);
  const problems: string[] = [];
  for (const chain of new Set([...byChain.keys(), ...heads.keys()])) {
    const list = byChain.get(chain) ?? [];
    let prev = GENESIS_HASH;
    let broken: string | null = null;
    list.forEach((e, i) => {
      if (broken) return;
      if (e.seq !== i + 1) broken = `event #${e.id} has sequence ${e.seq}, expected ${i + 1} (an event before it was removed or reordered)`;
      else if (e.prevHash !== prev) broken = `event #${e.id} (seq ${e.seq}) does not follow the previous event's hash (removed or reordered)`;
      else if (auditHash({ ...e, createdAt: e.createdAt.toISOString() }) !== e.hash) broken = `event #${e.id} (seq ${e.seq}, ${e.action}) was altered: its content no longer matches its hash`;
      prev = e.hash;
    });
    const head = heads.get(chain);
    if (!broken && head && (head.lastSeq !== list.length || head.lastHash !== prev)) {
      broken = `the chain head expects ${head.lastSeq} events but ${list.length} remain (the newest event was removed or altered)`;
    }
    if (!broken && !head && list.length) broken = `no chain head for ${list.length} events`;
    if (broken) problems.push(`chain ${chain}: ${broken}`);
  }
  return { ok: problems.length === 0, chains: new Set([...byChain.keys(), ...heads.keys()]).size, events: events.length, problems };
}
