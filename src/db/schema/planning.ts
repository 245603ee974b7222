import { sql } from "drizzle-orm";
import { bigint, date, index, integer, pgEnum, pgTable, primaryKey, serial, text, timestamp } from "drizzle-orm/pg-core";
import { agencies, units } from "./agencies";
import { assessments, periods } from "./evaluation";
import { evidence } from "./evidence";
import { users } from "./users";

/** Who wrote a recommendation: the ministry side, the province's piloting team, or the agency itself. */
export const recommendationSource = pgEnum("recommendation_source", ["kemenpanrb", "tim_pilot_provinsi", "internal"]);
export const recommendationPriority = pgEnum("recommendation_priority", ["high", "medium", "low"]);
/** The status of an improvement action (rencana aksi). */
export const actionStatus = pgEnum("action_status", ["planned", "in_progress", "done", "blocked"]);

/**
 * A recommendation (rekomendasi) to an agency, optionally tied to a period and an assessment, with
 * the aspects and indicators it concerns. Its commitments are the improvement actions below.
 */
export const recommendations = pgTable(
  "recommendations",
  {
    id: serial("id").primaryKey(),
    agencyId: integer("agency_id").notNull().references(() => agencies.id),
    periodId: integer("period_id").references(() => periods.id, { onDelete: "set null" }),
    assessmentId: integer("assessment_id").references(() => assessments.id, { onDelete: "set null" }),
    text: text("text").notNull(),
    source: recommendationSource("source").notNull(),
    aspectCodes: text("aspect_codes").array().notNull().default(sql`'{}'::text[]`),
    indicatorCodes: text("indicator_codes").array().notNull().default(sql`'{}'::text[]`),
    priority: recommendationPriority("priority").notNull().default("medium"),
    authorUserId: integer("author_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("recommendations_agency_period_idx").on(t.agencyId, t.periodId)],
);

/**
 * An improvement action (rencana aksi) under a recommendation: who in which unit does what by when,
 * optionally aimed at an indicator level, with a budget in whole Rupiah. `agencyId` repeats the
 * recommendation's agency so scoping and the province board need no join.
 */
export const improvementActions = pgTable(
  "improvement_actions",
  {
    id: serial("id").primaryKey(),
    recommendationId: integer("recommendation_id").notNull().references(() => recommendations.id, { onDelete: "cascade" }),
    agencyId: integer("agency_id").notNull().references(() => agencies.id),
    title: text("title").notNull(),
    ownerUnitId: integer("owner_unit_id").references(() => units.id, { onDelete: "set null" }),
    ownerName: text("owner_name"),
    dueDate: date("due_date", { mode: "string" }),
    targetIndicatorCode: text("target_indicator_code"),
    targetLevel: integer("target_level"),
    /** Whole Rupiah. */
    budget: bigint("budget", { mode: "number" }),
    status: actionStatus("status").notNull().default("planned"),
    createdByUserId: integer("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("improvement_actions_recommendation_idx").on(t.recommendationId), index("improvement_actions_agency_idx").on(t.agencyId)],
);

/** Progress evidence of an action, from the same agency's evidence library. */
export const actionEvidence = pgTable(
  "action_evidence",
  {
    actionId: integer("action_id").notNull().references(() => improvementActions.id, { onDelete: "cascade" }),
    evidenceId: integer("evidence_id").notNull().references(() => evidence.id, { onDelete: "cascade" }),
    createdByUserId: integer("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.actionId, t.evidenceId] }), index("action_evidence_evidence_idx").on(t.evidenceId)],
);

/** A comment on an action's progress. */
export const actionComments = pgTable(
  "action_comments",
  {
    id: serial("id").primaryKey(),
    actionId: integer("action_id").notNull().references(() => improvementActions.id, { onDelete: "cascade" }),
    authorUserId: integer("author_user_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("action_comments_action_idx").on(t.actionId)],
);

/** The general recommendation of an assessment as the assessor edited it from the draft. */
export const assessmentRecommendations = pgTable("assessment_recommendations", {
  assessmentId: integer("assessment_id")
    .primaryKey()
    .references(() => assessments.id, { onDelete: "cascade" }),
  text: text("text").notNull(),
  editedByUserId: integer("edited_by_user_id").references(() => users.id, { onDelete: "set null" }),
  editedAt: timestamp("edited_at", { withTimezone: true }).notNull().defaultNow(),
});
