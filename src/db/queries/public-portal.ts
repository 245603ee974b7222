import { and, asc, count, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../client";
import { agencies, officialResults } from "../schema";

/*
 * Read models of the public portal. Every query here reads published results only
 * (`official_results.published = true`); unpublished rows must never reach the open pages.
 */

const parent = alias(agencies, "parent");

/** Years with published results, oldest first, with how many instansi were published. */
export async function listPublishedYears(db: Db, filter: { provinceCode?: string } = {}): Promise<{ year: number; count: number }[]> {
  const where: SQL[] = [eq(officialResults.published, true)];
  if (filter.provinceCode) where.push(or(eq(agencies.code, filter.provinceCode), eq(parent.code, filter.provinceCode))!);
  const rows = await db
    .select({ year: officialResults.year, count: count() })
    .from(officialResults)
    .innerJoin(agencies, eq(officialResults.agencyId, agencies.id))
    .leftJoin(parent, eq(agencies.parentId, parent.id))
    .where(and(...where))
    .groupBy(officialResults.year)
    .orderBy(asc(officialResults.year));
  return rows.map((r) => ({ year: r.year, count: Number(r.count) }));
}

/** An agency's place among the published agencies of its category in one year (1 = highest index). */
export interface CategoryRank {
  year: number;
  rank: number;
  of: number;
}

/**
 * The agency's rank within its category for each year it has a published result. Ties share a rank
 * (SQL `rank()`: 1, 2, 2, 4), compared on the published index in hundredths.
 */
export async function categoryRanks(db: Db, agencyCode: string): Promise<CategoryRank[]> {
  const [agency] = await db.select({ id: agencies.id, category: agencies.category }).from(agencies).where(eq(agencies.code, agencyCode));
  if (!agency) return [];
  const years = db.select({ year: officialResults.year }).from(officialResults).where(and(eq(officialResults.agencyId, agency.id), eq(officialResults.published, true)));
  const ranked = db
    .select({
      agencyId: officialResults.agencyId,
      year: officialResults.year,
      rank: sql<number>`rank() over (partition by ${officialResults.year} order by ${officialResults.indexHundredths} desc)`.as("rank"),
      of: sql<number>`count(*) over (partition by ${officialResults.year})`.as("of"),
    })
    .from(officialResults)
    .innerJoin(agencies, eq(officialResults.agencyId, agencies.id))
    .where(and(eq(officialResults.published, true), eq(agencies.category, agency.category), inArray(officialResults.year, years)))
    .as("ranked");
  const rows = await db.select({ year: ranked.year, rank: ranked.rank, of: ranked.of }).from(ranked).where(eq(ranked.agencyId, agency.id)).orderBy(asc(ranked.year));
  return rows.map((r) => ({ year: r.year, rank: Number(r.rank), of: Number(r.of) }));
}

/** Instansi with at least one published result (code, category, latest published year), by code: the sitemap's pages. */
export async function listPublishedAgencies(db: Db): Promise<{ code: string; category: string; lastYear: number }[]> {
  const rows = await db
    .select({ code: agencies.code, category: agencies.category, lastYear: sql<number>`max(${officialResults.year})` })
    .from(officialResults)
    .innerJoin(agencies, eq(officialResults.agencyId, agencies.id))
    .where(eq(officialResults.published, true))
    .groupBy(agencies.code, agencies.category)
    .orderBy(asc(agencies.code));
  return rows.map((r) => ({ code: r.code, category: r.category, lastYear: Number(r.lastYear) }));
}
