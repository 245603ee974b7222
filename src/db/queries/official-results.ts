import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
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
  category?: string | undefined;
  /** Case-insensitive name search; "Kab." and "Kabupaten" (and similar short forms) match each other. */
  q?: string | undefined;
}

/** Short forms used in published tables and by readers, with the register's long form. */
const NAME_FORMS: [RegExp, string][] = [
  [/\bpemkab\b\.?/g, "kabupaten"],
  [/\bpemkot\b\.?/g, "kota"],
  [/\bpemprov\b\.?/g, "provinsi"],
  [/\bkab\b\.?/g, "kabupaten"],
  [/\bprov\b\.?/g, "provinsi"],
];

/**
 * The spellings a name search tries: the text as typed and with short forms written out (and the
 * long "kabupaten" shortened to "kab.", as the published tables print it), all lower case.
 */
export function nameSearchVariants(q: string): string[] {
  const typed = q.trim().toLowerCase().replace(/\s+/g, " ");
  let long = typed;
  for (const [re, full] of NAME_FORMS) long = long.replace(re, full);
  return [...new Set([typed, long, long.replace(/\bkabupaten\b/g, "kab.")])].filter((v) => v.length > 0);
}

const likePattern = (v: string) => `%${v.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;

function nameMatches(q: string): SQL {
  const tests = nameSearchVariants(q).flatMap((v) => [
    ilike(agencies.name, likePattern(v)),
    sql`array_to_string(${agencies.publishedNames}, '|') ilike ${likePattern(v)}`,
  ]);
  return or(...tests)!;
}

/** Published results matching a filter, by year then published index (highest first). */
export async function listPublishedResults(db: Db, filter: ResultFilter): Promise<ResultRow[]> {
  const where: SQL[] = [eq(officialResults.published, true)];
  if (filter.year !== undefined) where.push(eq(officialResults.year, filter.year));
  if (filter.provinceCode) where.push(or(eq(agencies.code, filter.provinceCode), eq(parent.code, filter.provinceCode))!);
  if (filter.agencyCodes) where.push(inArray(agencies.code, filter.agencyCodes));
  if (filter.category) where.push(sql`${agencies.category} = ${filter.category}`);
  if (filter.q) where.push(nameMatches(filter.q));
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
