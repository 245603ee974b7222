import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import { evidence } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import type { EvidenceMetadata } from "./evidence-upload";

/**
 * Changes the metadata of a piece of evidence without a new file (e.g. a corrected document number
 * or a new review date), audited as `evidence.update` with the changed fields before and after.
 * False when the agency has no such evidence.
 */
export async function updateEvidenceMetadata(db: Db, ctx: AuditContext, input: { agencyId: number; evidenceId: number; changes: Partial<EvidenceMetadata> }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(evidence)
      .where(and(eq(evidence.id, input.evidenceId), eq(evidence.agencyId, input.agencyId)))
      .for("update");
    if (!current) return false;
    const changed = Object.fromEntries(Object.entries(input.changes).filter(([k, v]) => v !== undefined && current[k as keyof EvidenceMetadata] !== v)) as Partial<EvidenceMetadata>;
    if (!Object.keys(changed).length) return true;
    await tx.update(evidence).set({ ...changed, updatedAt: new Date() }).where(eq(evidence.id, current.id));
    const before = Object.fromEntries(Object.keys(changed).map((k) => [k, current[k as keyof EvidenceMetadata]]));
    await recordAudit(tx, ctx, { agencyId: input.agencyId, action: "evidence.update", targetType: "evidence", targetId: current.id, before, after: changed });
    return true;
  });
}
