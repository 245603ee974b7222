import { date, index, integer, jsonb, pgTable, serial, text, timestamp, unique } from "drizzle-orm/pg-core";
import { assessments } from "./evaluation";
import { evidence } from "./evidence";
import { users } from "./users";

/**
 * A clarification thread on one indicator of an assessment, between the external assessors and
 * the review team on one side and the agency's team on the other (Pedoman: the assessor notes
 * points for clarification during the document review). One thread per indicator; it is resolved
 * and may be reopened.
 */
export const clarificationThreads = pgTable(
  "clarification_threads",
  {
    id: serial("id").primaryKey(),
    assessmentId: integer("assessment_id").notNull().references(() => assessments.id, { onDelete: "cascade" }),
    indicatorCode: text("indicator_code").notNull(),
    /** "open" or "resolved". */
    status: text("status").notNull().default("open"),
    resolvedByUserId: integer("resolved_by_user_id").references(() => users.id, { onDelete: "set null" }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("clarification_threads_assessment_indicator_uq").on(t.assessmentId, t.indicatorCode)],
);

/** One message of a clarification thread, with the author's side and an optional evidence reference. */
export const clarificationMessages = pgTable(
  "clarification_messages",
  {
    id: serial("id").primaryKey(),
    threadId: integer("thread_id").notNull().references(() => clarificationThreads.id, { onDelete: "cascade" }),
    authorUserId: integer("author_user_id").references(() => users.id, { onDelete: "set null" }),
    /** "agency" (the instansi's team) or "evaluator" (external assessors, review team, administrators). */
    side: text("side").notNull(),
    body: text("body").notNull(),
    /** A document of the same agency's evidence library the message points to. */
    evidenceId: integer("evidence_id").references(() => evidence.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("clarification_messages_thread_idx").on(t.threadId)],
);

/**
 * In-app notifications, written in the same transaction as the event they announce. `kind` and
 * `params` are rendered by the interface in the reader's language; `link` is an app path.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: serial("id").primaryKey(),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    params: jsonb("params").$type<Record<string, string>>().notNull().default({}),
    link: text("link").notNull(),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("notifications_user_read_idx").on(t.userId, t.readAt, t.createdAt)],
);

/**
 * Notes of an interview (interviu) or a site visit (visitasi) written by the external assessor:
 * when, who took part, where, a summary and optional observations per indicator.
 */
export const fieldNotes = pgTable(
  "field_notes",
  {
    id: serial("id").primaryKey(),
    assessmentId: integer("assessment_id").notNull().references(() => assessments.id, { onDelete: "cascade" }),
    /** "interviu" or "visitasi". */
    stage: text("stage").notNull(),
    heldOn: date("held_on", { mode: "string" }).notNull(),
    participants: text("participants").notNull(),
    place: text("place").notNull(),
    summary: text("summary").notNull(),
    /** Indicator code → observation. */
    observations: jsonb("observations").$type<Record<string, string>>().notNull().default({}),
    authorUserId: integer("author_user_id").references(() => users.id, { onDelete: "set null" }),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("field_notes_assessment_idx").on(t.assessmentId)],
);
