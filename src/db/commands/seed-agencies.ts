import { inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { agencies } from "../schema";
import type { AgencySeed } from "../../lib/seed-files";

/**
 * Loads the agency register, inserting new agencies and refreshing existing ones, then links each
 * kabupaten/kota to its province. Returns the count.
 */
export async function seedAgencies(db: Db, seed: AgencySeed[]): Promise<number> {
  return db.transaction(async (tx) => {
    const ids = new Map<string, number>();
    const batchSize = 200;
    for (let i = 0; i < seed.length; i += batchSize) {
      const batch = seed.slice(i, i + batchSize);
      const rows = await tx
        .insert(agencies)
        .values(
          batch.map((a) => ({
            code: a.code,
            name: a.name,
            category: a.category,
            regionName: a.regionName,
            publishedNames: a.publishedNames,
          })),
        )
        .onConflictDoUpdate({
          target: agencies.code,
          set: { name: sql`excluded.name`, regionName: sql`excluded.region_name`, publishedNames: sql`excluded.published_names` },
        })
        .returning({ id: agencies.id, code: agencies.code });
      for (const r of rows) ids.set(r.code, r.id);
    }
    // Second pass: link each kabupaten/kota to its province, one statement per province.
    const childrenByParent = new Map<string, string[]>();
    for (const a of seed) if (a.parentCode) childrenByParent.set(a.parentCode, [...(childrenByParent.get(a.parentCode) ?? []), a.code]);
    for (const [parentCode, codes] of childrenByParent) {
      const parentId = ids.get(parentCode);
      if (parentId === undefined) throw new Error(`agency seed: parent ${parentCode} of ${codes[0]} is not in the register`);
      await tx.update(agencies).set({ parentId }).where(inArray(agencies.code, codes));
    }
    return seed.length;
  });
}
