import { integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { assessments } from "./evaluation";
import { users } from "./users";

/**
 * The sectoral public services an agency names for indicators 45–47 (Layanan Publik Sektor 1–3)
 * of an assessment, with the unit that owns each. No source fixes which services are assessed, so
 * the agency records its own choice (spbe-evaluation §1.6); the Berita Acara repeats it.
 */
export const sectoralServices = pgTable(
  "sectoral_services",
  {
    assessmentId: integer("assessment_id").notNull().references(() => assessments.id, { onDelete: "cascade" }),
    /** The instrument's indicator the service is assessed under (e.g. "45"). */
    indicatorCode: text("indicator_code").notNull(),
    name: text("name").notNull(),
    /** The owning unit (OPD), as the agency names it. */
    unitName: text("unit_name").notNull(),
    updatedByUserId: integer("updated_by_user_id").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.indicatorCode] })],
);
