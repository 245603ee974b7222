import { and, asc, eq, ilike, or, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../client";
import { agencies } from "../schema";

const parent = alias(agencies, "parent");

export interface AgencyRow {
  id: number;
  code: string;
  name: string;
  category: "kementerian" | "lembaga" | "provinsi" | "kabupaten" | "kota";
  regionName: string | null;
  parentCode: string | null;
  parentName: string | null;
}

const agencyColumns = {
  id: agencies.id,
  code: agencies.code,
  name: agencies.name,
  category: agencies.category,
  regionName: agencies.regionName,
  parentCode: parent.code,
  parentName: parent.name,
};

export interface AgencyFilter {
  category?: AgencyRow["category"] | undefined;
  /** Only the kabupaten/kota of this province (by its code). */
  provinceCode?: string | undefined;
  /** Case-insensitive search in names, or a code prefix (e.g. "15.7"). */
  q?: string | undefined;
}

/** Agencies matching a filter, ordered by code. */
export async function listAgencies(db: Db, filter: AgencyFilter): Promise<AgencyRow[]> {
  const where: SQL[] = [];
  if (filter.category) where.push(eq(agencies.category, filter.category));
  if (filter.provinceCode) where.push(or(eq(parent.code, filter.provinceCode), eq(agencies.code, filter.provinceCode))!);
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(agencies.name, pattern), ilike(agencies.code, `${filter.q.replace(/[%_\\]/g, "")}%`))!);
  }
  return db
    .select(agencyColumns)
    .from(agencies)
    .leftJoin(parent, eq(agencies.parentId, parent.id))
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(agencies.code));
}

/** One agency by its code, or undefined. */
export async function findAgencyByCode(db: Db, code: string): Promise<AgencyRow | undefined> {
  const [row] = await db.select(agencyColumns).from(agencies).leftJoin(parent, eq(agencies.parentId, parent.id)).where(eq(agencies.code, code));
  return row;
}
