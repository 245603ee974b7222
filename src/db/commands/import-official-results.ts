import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { agencies, officialResults } from "../schema";
import { hundredths } from "../../core";
import type { ResultsCsvRow } from "../../lib/results-csv";

export interface ImportOutcome {
  imported: number;
  unmatched: { line: number; name: string; category: string }[];
}

/**
 * Imports published results: each row is matched to an agency by a published name (or its
 * official name) within the row's category, then upserted for its year. All rows or none: if any
 * row matches no agency nothing is written and the unmatched rows are returned.
 */
export async function importOfficialResults(
  db: Db,
  rows: ResultsCsvRow[],
  instrumentForYear: (year: number) => string,
): Promise<ImportOutcome> {
  const all = await db
    .select({ id: agencies.id, name: agencies.name, category: agencies.category, publishedNames: agencies.publishedNames })
    .from(agencies);
  const byName = new Map<string, number>();
  for (const a of all) {
    for (const n of [a.name, ...a.publishedNames]) byName.set(`${a.category}|${n}`, a.id);
  }
  const unmatched: ImportOutcome["unmatched"] = [];
  const values = rows.flatMap((r) => {
    const agencyId = byName.get(`${r.category}|${r.agencyName}`);
    if (agencyId === undefined) {
      unmatched.push({ line: r.line, name: r.agencyName, category: r.category });
      return [];
    }
    return [
      {
        agencyId,
        year: r.year,
        instrumentId: instrumentForYear(r.year),
        nodeValues: Object.fromEntries(Object.entries(r.nodeValues).map(([k, v]) => [k, hundredths(v)])),
        indexHundredths: hundredths(r.index),
        predicate: r.predicate,
        source: r.source,
        published: true,
      },
    ];
  });
  if (unmatched.length) return { imported: 0, unmatched };
  await db.transaction(async (tx) => {
    for (let i = 0; i < values.length; i += 300) {
      await tx
        .insert(officialResults)
        .values(values.slice(i, i + 300))
        .onConflictDoUpdate({
          target: [officialResults.agencyId, officialResults.year],
          set: {
            instrumentId: sql`excluded.instrument_id`,
            nodeValues: sql`excluded.node_values`,
            indexHundredths: sql`excluded.index_hundredths`,
            predicate: sql`excluded.predicate`,
            source: sql`excluded.source`,
          },
        });
    }
  });
  return { imported: values.length, unmatched: [] };
}
