import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { sectoralServices } from "../schema";

/** The sectoral public services named for an assessment, in indicator order. */
export async function sectoralServicesOf(db: Db, assessmentId: number): Promise<{ indicatorCode: string; name: string; unitName: string }[]> {
  const rows = await db
    .select({ indicatorCode: sectoralServices.indicatorCode, name: sectoralServices.name, unitName: sectoralServices.unitName })
    .from(sectoralServices)
    .where(eq(sectoralServices.assessmentId, assessmentId));
  return rows.sort((a, b) => a.indicatorCode.localeCompare(b.indicatorCode, "en", { numeric: true }));
}
