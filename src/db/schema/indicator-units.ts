import { integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { units } from "./agencies";
import { assessments } from "./evaluation";
import { users } from "./users";

/**
 * Which unit (OPD) of the agency gathers the answer and evidence of an indicator in a
 * self-assessment; the workspace shows progress per unit. An indicator without a row is unassigned.
 */
export const indicatorUnits = pgTable(
  "indicator_units",
  {
    assessmentId: integer("assessment_id").notNull().references(() => assessments.id, { onDelete: "cascade" }),
    indicatorCode: text("indicator_code").notNull(),
    unitId: integer("unit_id").notNull().references(() => units.id, { onDelete: "cascade" }),
    assignedByUserId: integer("assigned_by_user_id").references(() => users.id, { onDelete: "set null" }),
    assignedAt: timestamp("assigned_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.indicatorCode] })],
);
