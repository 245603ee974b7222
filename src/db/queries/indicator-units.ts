import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { indicatorUnits } from "../schema";

/** The unit of each assigned indicator of an assessment: code → unit id. */
export async function indicatorUnitsOf(db: Db, assessmentId: number): Promise<Map<string, number>> {
  const rows = await db.select({ code: indicatorUnits.indicatorCode, unitId: indicatorUnits.unitId }).from(indicatorUnits).where(eq(indicatorUnits.assessmentId, assessmentId));
  return new Map(rows.map((r) => [r.code, r.unitId]));
}
