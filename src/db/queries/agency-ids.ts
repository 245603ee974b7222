import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../client";
import { agencies } from "../schema";

/** Maps agency codes to ids; unknown codes are absent from the map. */
export async function agencyIdsByCode(db: Db, codes: string[]): Promise<Map<string, number>> {
  if (!codes.length) return new Map();
  const rows = await db.select({ id: agencies.id, code: agencies.code }).from(agencies).where(inArray(agencies.code, codes));
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** The code of an agency by id; undefined when there is none. */
export async function agencyCodeOf(db: Db, id: number): Promise<string | undefined> {
  const [row] = await db.select({ code: agencies.code }).from(agencies).where(eq(agencies.id, id));
  return row?.code;
}

/** Codes and names of agencies by id, in code order; unknown ids are left out. */
export async function agenciesByIds(db: Db, ids: number[]): Promise<{ id: number; code: string; name: string }[]> {
  if (!ids.length) return [];
  return db.select({ id: agencies.id, code: agencies.code, name: agencies.name }).from(agencies).where(inArray(agencies.id, ids)).orderBy(asc(agencies.code));
}
