import { boolean, customType, index, integer, jsonb, pgEnum, pgTable, serial, text, timestamp, unique } from "drizzle-orm/pg-core";
import { agencies, units } from "./agencies";
import { users } from "./users";

export const periodKind = pgEnum("period_kind", ["pemantauan", "evaluasi"]);
export const predicatePolicy = pgEnum("predicate_policy", ["exact", "rounded2"]);

/**
 * An evaluation period: the national cycle of a year, or a province's own internal round (owner =
 * the province) with any instrument. The schedule holds each stage's opening and closing dates.
 */
export const periods = pgTable("periods", {
  id: serial("id").primaryKey(),
  name: text("name").notNull(),
  year: integer("year").notNull(),
  kind: periodKind("kind").notNull(),
  withVisit: boolean("with_visit").notNull().default(false),
  instrumentId: text("instrument_id").notNull(),
  predicatePolicy: predicatePolicy("predicate_policy").notNull(),
  ownerAgencyId: integer("owner_agency_id").references(() => agencies.id),
  schedule: jsonb("schedule").$type<Record<string, { opens: string; closes: string }>>().notNull().default({}),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** One agency's assessment in a period; `stage` is the stage currently open. */
export const assessments = pgTable(
  "assessments",
  {
    id: serial("id").primaryKey(),
    periodId: integer("period_id").notNull().references(() => periods.id, { onDelete: "cascade" }),
    agencyId: integer("agency_id").notNull().references(() => agencies.id),
    stage: text("stage").notNull().default("mandiri"),
    /** Review of the external assessment: null (not yet), "pending", "returned" (tidak valid). */
    reviewStatus: text("review_status"),
    reviewNotes: text("review_notes"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("assessments_period_agency_uq").on(t.periodId, t.agencyId), index("assessments_agency_idx").on(t.agencyId)],
);

/**
 * A value with at most two decimals (an indicator value such as 1.26, a source score such as 68.75)
 * held as integer hundredths in an integer column and read back as the decimal, so two-decimal
 * values are stored exactly and every reader keeps plain numbers.
 */
const hundredthsColumn = customType<{ data: number; driverData: number }>({
  dataType: () => "integer",
  toDriver: (value) => Math.round(value * 100),
  fromDriver: (value) => Number(value) / 100,
});

/**
 * An indicator's answer in one stage. `version` grows with every write; a write naming an older
 * version is refused (409) so concurrent edits never silently overwrite each other.
 */
export const answers = pgTable(
  "answers",
  {
    id: serial("id").primaryKey(),
    assessmentId: integer("assessment_id").notNull().references(() => assessments.id, { onDelete: "cascade" }),
    stage: text("stage").notNull(),
    indicatorCode: text("indicator_code").notNull(),
    /** The value in force from this stage: a whole level, or a decimal (Pemdi 1.26) where the instrument declares it. */
    level: hundredthsColumn("value_hundredths"),
    /** For an indicator valued from another agency's index: the score entered, its source document and year. */
    externalScore: hundredthsColumn("external_score_hundredths"),
    externalSource: text("external_source"),
    externalYear: integer("external_year"),
    explanation: text("explanation"),
    facts: text("facts"),
    analysis: text("analysis"),
    justification: text("justification"),
    unitId: integer("unit_id").references(() => units.id, { onDelete: "set null" }),
    verified: boolean("verified").notNull().default(false),
    authorUserId: integer("author_user_id").references(() => users.id),
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("answers_assessment_stage_indicator_uq").on(t.assessmentId, t.stage, t.indicatorCode)],
);

/**
 * Who works on an assessment beyond their agency role: external assessors (per assessment) and
 * internal assessors limited to some indicators (`indicatorCodes`; null means all).
 */
export const assessmentAssignments = pgTable(
  "assessment_assignments",
  {
    id: serial("id").primaryKey(),
    assessmentId: integer("assessment_id").notNull().references(() => assessments.id, { onDelete: "cascade" }),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    role: text("role").notNull(),
    indicatorCodes: text("indicator_codes").array(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("assessment_assignments_uq").on(t.assessmentId, t.userId, t.role), index("assessment_assignments_user_idx").on(t.userId)],
);

/** Each stage transition of an assessment (submit, send back, finalise), with who and why. */
export const stageTransitions = pgTable(
  "stage_transitions",
  {
    id: serial("id").primaryKey(),
    assessmentId: integer("assessment_id").notNull().references(() => assessments.id, { onDelete: "cascade" }),
    fromStage: text("from_stage").notNull(),
    toStage: text("to_stage").notNull(),
    actorUserId: integer("actor_user_id").references(() => users.id),
    note: text("note"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("stage_transitions_assessment_idx").on(t.assessmentId)],
);

/**
 * The official result of an assessment: an immutable snapshot of the final levels, index and
 * predicate. A later correction is a new revision with a reason; earlier revisions stay.
 */
export const assessmentResults = pgTable(
  "assessment_results",
  {
    id: serial("id").primaryKey(),
    assessmentId: integer("assessment_id").notNull().references(() => assessments.id, { onDelete: "cascade" }),
    revision: integer("revision").notNull(),
    levels: jsonb("levels").$type<Record<string, number>>().notNull(),
    /** Exact index in ten-thousandths (3.282 → 32820). */
    index10k: integer("index_10k").notNull(),
    predicate: text("predicate").notNull(),
    predicatePolicy: text("predicate_policy").notNull(),
    reason: text("reason"),
    createdByUserId: integer("created_by_user_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("assessment_results_revision_uq").on(t.assessmentId, t.revision)],
);
