import { and, asc, desc, eq, inArray, or, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../client";
import { agencies, officialResults } from "../schema";

const parent = alias(agencies, "parent");

export interface ResultRow {
  year: number;
  agencyCode: string;
  agencyName: string;
  category: string;
  provinceCode: string | null;
  provinceName: string | null;
  instrumentId: string;
  nodeValues: Record<string, number>;
  indexHundredths: number;
  predicate: string;
  source: string;
}

export interface ResultFilter {
  year?: number | undefined;
  /** A province and its kabupaten/kota, by the province's code. */
  provinceCode?: string | undefined;
  agencyCodes?: string[] | undefined;
}

/** Published results matching a filter, by year then published index (highest first). */
export async function listPublishedResults(db: Db, filter: ResultFilter): Promise<ResultRow[]> {
  const where: SQL[] = [eq(officialResults.published, true)];
  if (filter.year !== undefined) where.push(eq(officialResults.year, filter.year));
  if (filter.provinceCode) where.push(or(eq(agencies.code, filter.provinceCode), eq(parent.code, filter.provinceCode))!);
  if (filter.agencyCodes) where.push(inArray(agencies.code, filter.agencyCodes));
  const rows = await db
    .select({
      year: officialResults.year,
      agencyCode: agencies.code,
      agencyName: agencies.name,
      category: agencies.category,
      parentCode: parent.code,
      parentName: parent.regionName,
      regionName: agencies.regionName,
      instrumentId: officialResults.instrumentId,
      nodeValues: officialResults.nodeValues,
      indexHundredths: officialResults.indexHundredths,
      predicate: officialResults.predicate,
      source: officialResults.source,
    })
    .from(officialResults)
    .innerJoin(agencies, eq(officialResults.agencyId, agencies.id))
    .leftJoin(parent, eq(agencies.parentId, parent.id))
    .where(and(...where))
    .orderBy(asc(officialResults.year), desc(officialResults.indexHundredths), asc(agencies.code));
  // A province is its own province; a kab/kota belongs to its parent.
  return rows.map(({ parentCode, parentName, regionName, ...r }) => ({
    ...r,
    provinceCode: r.category === "provinsi" ? r.agencyCode : parentCode,
    provinceName: r.category === "provinsi" ? regionName : parentName,
  }));
}
