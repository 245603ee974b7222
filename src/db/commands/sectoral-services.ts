import { asc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { sectoralServices } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import { lockAssessment } from "../queries/row-locks";

/** One sectoral public service as the agency names it, under its indicator. */
export interface SectoralService {
  indicatorCode: string;
  name: string;
  unitName: string;
}

/**
 * Replaces the sectoral public services named for an assessment (indicators 45–47) in one
 * transaction, audited as `sectoral_services.save` with the list before and after. An indicator
 * left out of `services` loses its service. Concurrent saves queue on the assessment row: the last wins.
 */
export async function saveSectoralServices(
  db: Db,
  ctx: AuditContext,
  input: { assessmentId: number; agencyId: number; services: SectoralService[]; userId: number | null },
): Promise<SectoralService[]> {
  return db.transaction(async (tx) => {
    await lockAssessment(tx, input.assessmentId); // two concurrent saves run one after the other
    const before = await tx
      .select({ indicatorCode: sectoralServices.indicatorCode, name: sectoralServices.name, unitName: sectoralServices.unitName })
      .from(sectoralServices)
      .where(eq(sectoralServices.assessmentId, input.assessmentId))
      .orderBy(asc(sectoralServices.indicatorCode));
    await tx.delete(sectoralServices).where(eq(sectoralServices.assessmentId, input.assessmentId));
    if (input.services.length) {
      await tx.insert(sectoralServices).values(input.services.map((s) => ({ assessmentId: input.assessmentId, ...s, updatedByUserId: input.userId })));
    }
    const after = [...input.services].sort((a, b) => a.indicatorCode.localeCompare(b.indicatorCode, "en", { numeric: true }));
    await recordAudit(tx, ctx, { agencyId: input.agencyId, action: "sectoral_services.save", targetType: "assessment", targetId: input.assessmentId, before: { services: before }, after: { services: after } });
    return after;
  });
}
