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
    const [existing] = await tx.select({ id: units.id }).from(units).where(and(eq(units.agencyId, agencyId), eq(units.name, name)));
    if (existing) throw new DuplicateUnitError(name);
    const [row] = await tx.insert(units).values({ agencyId, name }).returning();
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
