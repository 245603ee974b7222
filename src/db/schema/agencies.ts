import { sql } from "drizzle-orm";
import { type AnyPgColumn, index, integer, pgEnum, pgTable, serial, text, timestamp, unique } from "drizzle-orm/pg-core";

/** Kinds of instansi evaluated by the national SPBE evaluation. */
export const agencyCategory = pgEnum("agency_category", ["kementerian", "lembaga", "provinsi", "kabupaten", "kota"]);

/**
 * The register of instansi (IPPD). Regional agencies use their Kemendagri region code; central
 * agencies a stable "KL." code. A kabupaten/kota's parent is its province.
 */
export const agencies = pgTable(
  "agencies",
  {
    id: serial("id").primaryKey(),
    code: text("code").notNull().unique(),
    name: text("name").notNull(),
    category: agencyCategory("category").notNull(),
    parentId: integer("parent_id").references((): AnyPgColumn => agencies.id),
    regionName: text("region_name"),
    /** Exact names under which the agency appears in published results tables. */
    publishedNames: text("published_names").array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("agencies_parent_idx").on(t.parentId), index("agencies_category_idx").on(t.category)],
);

/** Organisational units (OPD / perangkat daerah, unit kerja) inside an agency; added by users. */
export const units = pgTable(
  "units",
  {
    id: serial("id").primaryKey(),
    agencyId: integer("agency_id").notNull().references(() => agencies.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("units_agency_name_uq").on(t.agencyId, t.name)],
);
