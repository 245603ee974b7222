import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgTable, serial, text, timestamp, unique, uniqueIndex } from "drizzle-orm/pg-core";
import { agencies, units } from "./agencies";
import { users } from "./users";

/**
 * The public service catalogue: one row per service an agency provides, with what a citizen needs
 * to find it (sector, owning unit, channels, fee). What the service is — its Standar Pelayanan — is
 * kept in versions (`service_standard_versions`); the catalogue shows the version in force.
 */
export const publicServices = pgTable(
  "public_services",
  {
    id: serial("id").primaryKey(),
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "cascade" }),
    /** The owning unit (OPD); null when the unit was removed or none is named. */
    unitId: integer("unit_id").references(() => units.id, { onDelete: "set null" }),
    /** The address part of its page, unique inside the agency. */
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    /** One or two sentences for the catalogue list. */
    summary: text("summary").notNull().default(""),
    /** A code of core SERVICE_SECTORS. */
    sector: text("sector").notNull(),
    /** Where the service is applied for online (an https address), or null. */
    onlineUrl: text("online_url"),
    /** Offered at a Mal Pelayanan Publik counter. */
    atMpp: boolean("at_mpp").notNull().default(false),
    /** Offered at the unit's own office. */
    atOffice: boolean("at_office").notNull().default(true),
    /** The fee in whole Rupiah (0: free of charge); null when it varies (the standard's Biaya/tarif says how). */
    feeRupiah: integer("fee_rupiah"),
    /** Days a complaint about this service keeps its reporter's personal data (from the filing day, WIB). */
    complaintRetentionDays: integer("complaint_retention_days").notNull().default(730),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("public_services_agency_slug_uq").on(t.agencyId, t.slug), index("public_services_sector_idx").on(t.sector), check("public_services_fee_ck", sql`${t.feeRupiah} is null or ${t.feeRupiah} >= 0`), check("public_services_complaint_retention_ck", sql`${t.complaintRetentionDays} between 30 and 36500`)],
);

/**
 * The versions of a service's Standar Pelayanan: the fourteen components of PermenPANRB 15/2014 as
 * text, the decree (SK) that set it, and its status. A version is edited only as a draft; putting
 * it in force (with its decree) replaces the version in force before it, in one transaction. At
 * most one draft and one version in force per service (partial unique indexes).
 */
export const serviceStandardVersions = pgTable(
  "service_standard_versions",
  {
    id: serial("id").primaryKey(),
    serviceId: integer("service_id")
      .notNull()
      .references(() => publicServices.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    status: text("status").notNull().default("draft"),
    // The six service-delivery components (public once in force).
    requirements: text("requirements").notNull().default(""),
    procedure: text("procedure").notNull().default(""),
    duration: text("duration").notNull().default(""),
    cost: text("cost").notNull().default(""),
    product: text("product").notNull().default(""),
    complaints: text("complaints").notNull().default(""),
    // The eight management components (internal, never public).
    legalBasis: text("legal_basis").notNull().default(""),
    facilities: text("facilities").notNull().default(""),
    competence: text("competence").notNull().default(""),
    supervision: text("supervision").notNull().default(""),
    staffing: text("staffing").notNull().default(""),
    serviceGuarantee: text("service_guarantee").notNull().default(""),
    safetyGuarantee: text("safety_guarantee").notNull().default(""),
    performanceEvaluation: text("performance_evaluation").notNull().default(""),
    decreeNumber: text("decree_number"),
    decreeDate: date("decree_date", { mode: "string" }),
    inForceAt: timestamp("in_force_at", { withTimezone: true }),
    replacedAt: timestamp("replaced_at", { withTimezone: true }),
    updatedByUserId: integer("updated_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("service_standard_versions_service_version_uq").on(t.serviceId, t.version),
    uniqueIndex("service_standard_versions_in_force_uq").on(t.serviceId).where(sql`status = 'in_force'`),
    uniqueIndex("service_standard_versions_draft_uq").on(t.serviceId).where(sql`status = 'draft'`),
    check("service_standard_versions_status_ck", sql`${t.status} in ('draft', 'in_force', 'replaced')`),
  ],
);
