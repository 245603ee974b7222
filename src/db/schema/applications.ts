import { sql } from "drizzle-orm";
import { bigserial, boolean, date, index, integer, jsonb, pgTable, serial, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { agencies } from "./agencies";
import { citizens } from "./citizens";
import { publicServices } from "./public-services";
import { users } from "./users";

/**
 * Application forms as data, per agency: every version of a form (forms/*.json loaded at seed/start,
 * or uploaded by the agency's service officers), a draft until published. An application keeps the
 * version it was made with (`applications.form_version_id`).
 */
export const formVersions = pgTable(
  "form_versions",
  {
    id: serial("id").primaryKey(),
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "cascade" }),
    formId: text("form_id").notNull(),
    version: integer("version").notNull(),
    /** `draft` or `published`. */
    status: text("status").notNull().default("draft"),
    /** The catalogue service the form serves (the form's `service` slug), when the agency has it. */
    serviceId: integer("service_id").references(() => publicServices.id, { onDelete: "set null" }),
    /** The validated definition (core FormDefinition). */
    definition: jsonb("definition").notNull(),
    createdByUserId: integer("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
  },
  (t) => [unique("form_versions_uq").on(t.agencyId, t.formId, t.version), index("form_versions_service_idx").on(t.serviceId, t.status)],
);

/**
 * A citizen's application for a service: a draft until submitted, then a workflow case. The case is
 * its transitions (`application_transitions`, replayed by the core engine); state, claim and
 * deadlines are denormalised here for the officers' queue. The check value is stored only hashed.
 */
export const applications = pgTable(
  "applications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Human-friendly and unique (e.g. `PL-2612-7K3M9QAB`); null while a draft. */
    trackingNumber: text("tracking_number").unique(),
    /** SHA-256 of the check value given to the citizen with the tracking number. */
    checkHash: text("check_hash"),
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "cascade" }),
    serviceId: integer("service_id")
      .notNull()
      .references(() => publicServices.id, { onDelete: "restrict" }),
    formVersionId: integer("form_version_id")
      .notNull()
      .references(() => formVersions.id, { onDelete: "restrict" }),
    citizenId: uuid("citizen_id")
      .notNull()
      .references(() => citizens.id, { onDelete: "cascade" }),
    /** The answers (only visible fields once submitted). */
    data: jsonb("data").notNull().default({}),
    workflowId: text("workflow_id").notNull(),
    workflowVersion: integer("workflow_version").notNull(),
    /** `draft` before submission, then the workflow state. */
    state: text("state").notNull().default("draft"),
    terminal: boolean("terminal").notNull().default(false),
    /** Waiting for the citizen (the SLA clock is paused). */
    paused: boolean("paused").notNull().default(false),
    /** The officer holding the claim, if any. */
    claimedByUserId: integer("claimed_by_user_id").references(() => users.id, { onDelete: "set null" }),
    /** The officer roles that may act in the current state (for the queue per role). */
    stateRoles: text("state_roles").array().notNull().default(sql`'{}'::text[]`),
    /** The state's deadline (last working day) and the day it becomes "due soon"; null when the state has no clock. */
    stateDeadline: date("state_deadline", { mode: "string" }),
    dueSoonFrom: date("due_soon_from", { mode: "string" }),
    caseDeadline: date("case_deadline", { mode: "string" }),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    /** The issued product (issued_documents id) once approved. */
    productDocumentId: text("product_document_id"),
    /** Deleted after this day (closing + the form's retention). */
    retentionUntil: date("retention_until", { mode: "string" }),
    /** The next day some answer of the closed application is due for erasure (its field's retention); null when none is left. */
    retentionDue: date("retention_due", { mode: "string" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The queue's order (deadline, then submission) straight from the index, so a page reads ~100 rows.
    index("applications_queue_idx").on(t.agencyId, t.terminal, t.stateDeadline, t.submittedAt),
    // Cases waiting for the citizen have no deadline (nulls last in the index above): their own.
    index("applications_paused_idx")
      .on(t.agencyId, t.submittedAt)
      .where(sql`${t.paused} and not ${t.terminal}`),
    index("applications_service_idx").on(t.agencyId, t.serviceId, t.state),
    index("applications_citizen_idx").on(t.citizenId, t.createdAt),
    index("applications_retention_idx")
      .on(t.retentionDue)
      .where(sql`${t.retentionDue} is not null`),
  ],
);

/** The case history the engine replays: one row per transition, numbered (a race for the same number loses). */
export const applicationTransitions = pgTable(
  "application_transitions",
  {
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    action: text("action").notNull(),
    fromState: text("from_state"),
    toState: text("to_state").notNull(),
    /** `u:<user id>` for an officer, `c:<citizen id>` for the applicant, `system`. */
    actorId: text("actor_id").notNull(),
    actorRole: text("actor_role").notNull(),
    at: timestamp("at", { withTimezone: true, mode: "string" }).notNull(),
    reason: text("reason"),
    /** A reason the system gave (an automatic action): code and values the interface words; `reason` keeps the Indonesian text. */
    reasonCode: text("reason_code"),
    reasonParams: jsonb("reason_params").$type<Record<string, string | number>>(),
  },
  (t) => [unique("application_transitions_uq").on(t.applicationId, t.seq)],
);

/** Files attached to an application (evidence upload rules: sniffed type, size; stored content-addressed). */
export const applicationFiles = pgTable(
  "application_files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    fieldKey: text("field_key").notNull(),
    storageKey: text("storage_key").notNull(),
    name: text("name").notNull(),
    size: integer("size").notNull(),
    mediaType: text("media_type").notNull(),
    sha256: text("sha256").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("application_files_app_idx").on(t.applicationId)],
);

/** Who viewed which application (UU 27/2022): one row per officer view of its detail or a file. */
export const applicationAccessLog = pgTable(
  "application_access_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    /** `detail` or `file:<id>`. */
    what: text("what").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("application_access_log_app_idx").on(t.applicationId, t.at)],
);

/** In-app notifications for citizens (status changes of their applications). */
export const citizenNotifications = pgTable(
  "citizen_notifications",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    citizenId: uuid("citizen_id")
      .notNull()
      .references(() => citizens.id, { onDelete: "cascade" }),
    applicationId: uuid("application_id").references(() => applications.id, { onDelete: "cascade" }),
    /** A code the UI translates: `application.<action>`. */
    kind: text("kind").notNull(),
    payload: jsonb("payload").notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [index("citizen_notifications_idx").on(t.citizenId, t.createdAt)],
);
