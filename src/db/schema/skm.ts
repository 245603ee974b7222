import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgTable, serial, smallint, text, timestamp, unique } from "drizzle-orm/pg-core";
import { agencies, units } from "./agencies";
import { improvementActions } from "./planning";
import { publicServices } from "./public-services";
import { users } from "./users";

/**
 * A Survei Kepuasan Masyarakat (PermenPANRB 14/2017) of one catalogue service over one period:
 * draft → open → closed. The population (service users in the period) is optional and only feeds
 * the minimum-respondents check. `agencyId` repeats the service's agency so every read is scoped
 * by the session's agency without a join.
 */
export const skmSurveys = pgTable(
  "skm_surveys",
  {
    id: serial("id").primaryKey(),
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "cascade" }),
    serviceId: integer("service_id")
      .notNull()
      .references(() => publicServices.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    periodStart: date("period_start", { mode: "string" }).notNull(),
    periodEnd: date("period_end", { mode: "string" }).notNull(),
    /** draft | open | closed */
    status: text("status").notNull().default("draft"),
    population: integer("population"),
    /** Counter/channel labels (e.g. "Loket 1", "MPP") offered for QR codes per counter. */
    counters: text("counters").array().notNull().default(sql`'{}'::text[]`),
    /** Marks seeded demonstration data (DATA DEMO). */
    demo: boolean("demo").notNull().default(false),
    openedAt: timestamp("opened_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    createdByUserId: integer("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("skm_surveys_agency_idx").on(t.agencyId),
    index("skm_surveys_service_idx").on(t.serviceId),
    check("skm_surveys_status_ck", sql`${t.status} in ('draft', 'open', 'closed')`),
    check("skm_surveys_period_ck", sql`${t.periodEnd} >= ${t.periodStart}`),
    check("skm_surveys_population_ck", sql`${t.population} is null or ${t.population} >= 1`),
  ],
);

/**
 * One respondent's answers: U1…U9 (1–4), the profile fields the regulation names (all optional, no
 * identity), the channel/counter, and a hash of the device token (duplicate detection within the
 * survey; the token itself is never stored). Imported paper responses have no device hash.
 */
export const skmResponses = pgTable(
  "skm_responses",
  {
    id: serial("id").primaryKey(),
    surveyId: integer("survey_id")
      .notNull()
      .references(() => skmSurveys.id, { onDelete: "cascade" }),
    u1: smallint("u1").notNull(),
    u2: smallint("u2").notNull(),
    u3: smallint("u3").notNull(),
    u4: smallint("u4").notNull(),
    u5: smallint("u5").notNull(),
    u6: smallint("u6").notNull(),
    u7: smallint("u7").notNull(),
    u8: smallint("u8").notNull(),
    u9: smallint("u9").notNull(),
    ageBand: text("age_band"),
    sex: text("sex"),
    education: text("education"),
    occupation: text("occupation"),
    /** online | counter | paper | import */
    channel: text("channel").notNull().default("online"),
    counter: text("counter"),
    deviceHash: text("device_hash"),
    importBatch: integer("import_batch"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("skm_responses_survey_idx").on(t.surveyId),
    unique("skm_responses_device_uq").on(t.surveyId, t.deviceHash),
    check("skm_responses_answers_ck", sql`${t.u1} between 1 and 4 and ${t.u2} between 1 and 4 and ${t.u3} between 1 and 4 and ${t.u4} between 1 and 4 and ${t.u5} between 1 and 4 and ${t.u6} between 1 and 4 and ${t.u7} between 1 and 4 and ${t.u8} between 1 and 4 and ${t.u9} between 1 and 4`),
  ],
);

/** A follow-up action of a survey period for one element (usually a weakest one), optionally linked to an improvement action of the plan. */
export const skmFollowUps = pgTable(
  "skm_follow_ups",
  {
    id: serial("id").primaryKey(),
    surveyId: integer("survey_id")
      .notNull()
      .references(() => skmSurveys.id, { onDelete: "cascade" }),
    element: text("element").notNull(),
    action: text("action").notNull(),
    ownerUnitId: integer("owner_unit_id").references(() => units.id, { onDelete: "set null" }),
    dueDate: date("due_date", { mode: "string" }),
    /** planned | in_progress | done */
    status: text("status").notNull().default("planned"),
    improvementActionId: integer("improvement_action_id").references(() => improvementActions.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("skm_follow_ups_survey_idx").on(t.surveyId), check("skm_follow_ups_status_ck", sql`${t.status} in ('planned', 'in_progress', 'done')`)],
);
