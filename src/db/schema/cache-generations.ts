import { bigint, index, integer, pgTable, text } from "drizzle-orm/pg-core";

/**
 * One counter per cached scope (`assessment:<id>`, `agency:<id>`, `targets:<id>`, `published`),
 * raised by database triggers in the same transaction as every write that changes what a cached
 * response shows (migration 0013, `src/server/cache`). Rows are never deleted, so a sum of counters
 * only grows. `agency_id` lets the province cockpit sum the counters of its agencies in one read.
 */
export const cacheGenerations = pgTable(
  "cache_generations",
  {
    scope: text("scope").primaryKey(),
    agencyId: integer("agency_id"),
    generation: bigint("generation", { mode: "number" }).notNull().default(0),
  },
  (t) => [index("cache_generations_agency_idx").on(t.agencyId)],
);
