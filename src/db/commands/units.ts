import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { units } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";

/** Raised when the agency already has a unit of that name. */
export class DuplicateUnitError extends Error {}

/** Units of an agency by name. */
export function listUnits(db: Db, agencyId: number) {
  return db.select().from(units).where(eq(units.agencyId, agencyId)).orderBy(asc(units.name));
}

/** Adds a unit to an agency with its audit event. */
export async function addUnit(db: Db, ctx: AuditContext, agencyId: number, name: string) {
  return db.transaction(async (tx) => {
    // The unique index decides (a concurrent add of the same name inserts nothing, never a 500).
    const [row] = await tx.insert(units).values({ agencyId, name }).onConflictDoNothing().returning();
    if (!row) throw new DuplicateUnitError(name);
    await recordAudit(tx, ctx, { agencyId, action: "unit.create", targetType: "unit", targetId: row!.id, after: { name } });
    return row!;
  });
}

/** Removes a unit of this agency; false when it has no such unit. */
export async function removeUnit(db: Db, ctx: AuditContext, agencyId: number, unitId: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx.delete(units).where(and(eq(units.id, unitId), eq(units.agencyId, agencyId))).returning();
    if (!row) return false;
    await recordAudit(tx, ctx, { agencyId, action: "unit.delete", targetType: "unit", targetId: unitId, before: { name: row.name } });
    return true;
  });
}
