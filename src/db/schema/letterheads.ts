import { customType, integer, pgTable, serial, text, timestamp, unique } from "drizzle-orm/pg-core";
import { agencies } from "./agencies";

/** Binary data (PostgreSQL bytea), read back as a Buffer on both drivers (PGlite gives a Uint8Array). */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => value,
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * An agency's kop surat settings, printed at the top of its official documents: the issuing office
 * under the government's name (null: the agency's own name), postal address, telephone, e-mail,
 * website, the seat city printed before a signature's date (null: derived from the name for a
 * Kota, else omitted) and the logo in force. One row per agency, written only when set.
 */
export const agencyLetterheads = pgTable("agency_letterheads", {
  agencyId: integer("agency_id")
    .primaryKey()
    .references(() => agencies.id, { onDelete: "cascade" }),
  officeName: text("office_name"),
  address: text("address"),
  phone: text("phone"),
  email: text("email"),
  website: text("website"),
  seat: text("seat"),
  logoId: integer("logo_id").references(() => agencyLogos.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Logo images (PNG or JPEG, at most 1 MB) uploaded for kop surat, kept in the database and never
 * changed or deleted: an issued document names the logo it printed (its snapshot), so it renders
 * again to the same bytes after the agency replaces or removes its logo. One row per distinct image
 * per agency.
 */
export const agencyLogos = pgTable(
  "agency_logos",
  {
    id: serial("id").primaryKey(),
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "cascade" }),
    sha256: text("sha256").notNull(),
    contentType: text("content_type").notNull(),
    bytes: bytea("bytes").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("agency_logos_agency_sha_uq").on(t.agencyId, t.sha256)],
);
