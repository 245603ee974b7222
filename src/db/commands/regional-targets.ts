import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { regionalTargets } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import { lockAgency } from "../queries/row-locks";

/** One regional target: the index to reach in a year, in integer hundredths, and its source. */
export interface RegionalTarget {
  year: number;
  targetHundredths: number;
  source: string;
}

/**
 * Replaces an agency's regional targets (years not listed are removed) in one transaction, with
 * one audit event holding the targets before and after. Returns the targets now stored.
 * Concurrent replacements queue on the agency row: the last one wins, each audited.
 */
export async function setRegionalTargets(db: Db, ctx: AuditContext, options: { agencyId: number; targets: RegionalTarget[] }): Promise<RegionalTarget[]> {
  const { agencyId, targets } = options;
  const sorted = [...targets].sort((a, b) => a.year - b.year);
  return db.transaction(async (tx) => {
    await lockAgency(tx, agencyId); // two concurrent replacements run one after the other
    const before = await tx.select().from(regionalTargets).where(eq(regionalTargets.agencyId, agencyId));
    await tx.delete(regionalTargets).where(eq(regionalTargets.agencyId, agencyId));
    if (sorted.length) await tx.insert(regionalTargets).values(sorted.map((t) => ({ agencyId, ...t })));
    const shape = (list: RegionalTarget[]) => Object.fromEntries(list.map((t) => [String(t.year), { target: t.targetHundredths / 100, source: t.source }]));
    await recordAudit(tx, ctx, {
      agencyId,
      action: "regional_targets.set",
      targetType: "regional_targets",
      targetId: agencyId,
      before: { targets: shape(before.sort((a, b) => a.year - b.year)) },
      after: { targets: shape(sorted) },
    });
    return sorted;
  });
}
