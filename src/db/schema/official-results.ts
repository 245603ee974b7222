import { boolean, index, integer, jsonb, pgTable, serial, text, timestamp, unique } from "drizzle-orm/pg-core";
import { agencies } from "./agencies";

/**
 * Published results of the national evaluation, one row per agency and year. Values are kept as
 * published (two decimals, as integer hundredths) so they can be re-verified by the core.
 */
export const officialResults = pgTable(
  "official_results",
  {
    id: serial("id").primaryKey(),
    agencyId: integer("agency_id").notNull().references(() => agencies.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    instrumentId: text("instrument_id").notNull(),
    /** Published node indices in hundredths, keyed by node code (e.g. { "D1": 280 }); may be empty. */
    nodeValues: jsonb("node_values").$type<Record<string, number>>().notNull().default({}),
    indexHundredths: integer("index_hundredths").notNull(),
    predicate: text("predicate").notNull(),
    source: text("source").notNull(),
    /** Only published (public) results appear on the open portal. */
    published: boolean("published").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("official_results_agency_year_uq").on(t.agencyId, t.year), index("official_results_year_idx").on(t.year)],
);
