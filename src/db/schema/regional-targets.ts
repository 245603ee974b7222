import { integer, pgTable, serial, text, timestamp, unique } from "drizzle-orm/pg-core";
import { agencies } from "./agencies";

/**
 * A regional target for an agency's SPBE index in one year (e.g. the RPJMD target of a province,
 * used as an IKU), in integer hundredths, with where it comes from. Set by the Koordinator Provinsi.
 */
export const regionalTargets = pgTable(
  "regional_targets",
  {
    id: serial("id").primaryKey(),
    agencyId: integer("agency_id").notNull().references(() => agencies.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    targetHundredths: integer("target_hundredths").notNull(),
    /** Where the target is set, e.g. "Perda RPJMD Provinsi Jambi 2021–2026". */
    source: text("source").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("regional_targets_agency_year_uq").on(t.agencyId, t.year)],
);
