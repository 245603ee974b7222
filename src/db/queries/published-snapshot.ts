import { asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../client";
import { agencies, officialResults } from "../schema";
import { generationOf, PUBLISHED_SCOPE } from "./cache-generations";

const parent = alias(agencies, "parent");

/** One published result with its agency and province (the province itself for a provinsi). */
export interface PublishedEntry {
  agencyId: number;
  year: number;
  code: string;
  name: string;
  category: (typeof agencies.$inferSelect)["category"];
  provinceCode: string | null;
  provinceName: string | null;
  instrumentId: string;
  nodeValues: Record<string, number>;
  indexHundredths: number;
  predicate: string;
}

/** Every published result (about 1,240 rows), highest index first within a year; years newest first. */
export interface PublishedSnapshot {
  years: number[];
  rows: PublishedEntry[];
  byYear: Map<number, PublishedEntry[]>;
}

const cache = new WeakMap<Db, { generation: number; snapshot: Promise<PublishedSnapshot> }>();

async function loadSnapshot(db: Db): Promise<PublishedSnapshot> {
  const raw = await db
    .select({
      agencyId: agencies.id,
      year: officialResults.year,
      code: agencies.code,
      name: agencies.name,
      category: agencies.category,
      regionName: agencies.regionName,
      parentCode: parent.code,
      parentName: parent.regionName,
      instrumentId: officialResults.instrumentId,
      nodeValues: officialResults.nodeValues,
      indexHundredths: officialResults.indexHundredths,
      predicate: officialResults.predicate,
    })
    .from(officialResults)
    .innerJoin(agencies, eq(officialResults.agencyId, agencies.id))
    .leftJoin(parent, eq(agencies.parentId, parent.id))
    .where(eq(officialResults.published, true))
    .orderBy(asc(officialResults.year), asc(agencies.code));
  const rows: PublishedEntry[] = raw.map(({ regionName, parentCode, parentName, ...r }) => ({
    ...r,
    provinceCode: r.category === "provinsi" ? r.code : parentCode,
    provinceName: r.category === "provinsi" ? regionName : parentName,
  }));
  const byYear = new Map<number, PublishedEntry[]>();
  for (const r of rows) byYear.set(r.year, [...(byYear.get(r.year) ?? []), r]);
  for (const list of byYear.values()) list.sort((a, b) => b.indexHundredths - a.indexHundredths || a.code.localeCompare(b.code));
  return { years: [...byYear.keys()].sort((a, b) => b - a), rows, byYear };
}

/**
 * All published results, read once per change and reused by the dashboards (the national view and
 * the province cockpit), so a dashboard request costs one indexed read of the `published` counter
 * instead of a scan of the results table. The counter is raised by a trigger in the transaction of
 * every write to `official_results` or `agencies` (an import by the CLI in another process
 * included), so the next request after it commits sees the new results.
 */
export async function publishedSnapshot(db: Db): Promise<PublishedSnapshot> {
  return snapshotAt(db, await generationOf(db, PUBLISHED_SCOPE));
}

/** The snapshot for a `published` counter the caller has just read (see `generationOf`). */
export function snapshotAt(db: Db, generation: number): Promise<PublishedSnapshot> {
  const hit = cache.get(db);
  if (hit && hit.generation === generation) return hit.snapshot;
  const snapshot = loadSnapshot(db);
  // A slow reader of an older counter must not replace a newer snapshot.
  if (!hit || hit.generation < generation) {
    cache.set(db, { generation, snapshot });
    snapshot.catch(() => cache.get(db)?.snapshot === snapshot && cache.delete(db));
  }
  return snapshot;
}

/** Rows of a snapshot year matching the national view's filters (a province includes its kab/kota). */
export function filterPublished(
  rows: PublishedEntry[],
  filter: { agencyIds?: number[] | undefined; provinceCode?: string | undefined; category?: string | undefined; predicate?: string | undefined },
): PublishedEntry[] {
  const ids = filter.agencyIds ? new Set(filter.agencyIds) : null;
  return rows.filter(
    (r) =>
      (!ids || ids.has(r.agencyId)) &&
      (!filter.provinceCode || r.provinceCode === filter.provinceCode) &&
      (!filter.category || r.category === filter.category) &&
      (!filter.predicate || r.predicate === filter.predicate),
  );
}
