import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * Instruments uploaded by an administrator, one row per version and never changed: uploading the
 * same instrument id again adds version n + 1. A period names one version as `<id>@<version>`
 * (`periods.instrument_id`), so its scoring never changes under it. The ids of the bundled
 * (official) instruments are refused. `body` is the validated instrument as uploaded (JSON or YAML
 * parsed), `sha256` the hash of its canonical JSON text.
 */
export const instrumentVersions = pgTable(
  "instrument_versions",
  {
    instrumentId: text("instrument_id").notNull(),
    version: integer("version").notNull(),
    name: text("name").notNull(),
    sha256: text("sha256").notNull(),
    body: jsonb("body").$type<Record<string, unknown>>().notNull(),
    /** `json` or `yaml`: the format the file came in. */
    sourceFormat: text("source_format").notNull(),
    uploadedBy: integer("uploaded_by").references(() => users.id),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
    /** `active` (usable for new periods); kept as a column so a version can later be withdrawn without deleting it. */
    status: text("status").notNull().default("active"),
  },
  (t) => [primaryKey({ name: "instrument_versions_pk", columns: [t.instrumentId, t.version] }), index("instrument_versions_uploaded_idx").on(t.uploadedAt)],
);
