import { sql } from "drizzle-orm";
import { boolean, check, customType, date, index, integer, jsonb, pgTable, serial, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { agencies, units } from "./agencies";
import { publicServices } from "./public-services";
import { citizens } from "./citizens";
import { users } from "./users";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * Complaints about public services (SP4N-LAPOR! rules, workflow `pengaduan-lapor`). The case is its
 * history (`complaint_transitions`), replayed by the workflow engine; `state` is a copy of the state
 * the last transition left it in, for filtering. The reporter's identity is null when anonymous and
 * is removed by the retention sweep (`personal_data_removed_at`).
 */
export const complaints = pgTable(
  "complaints",
  {
    id: serial("id").primaryKey(),
    /** Shown to the reporter (e.g. ADU-7K3M9QXT2P); with the check value it opens the tracking page. */
    trackingNumber: text("tracking_number").notNull().unique(),
    /** SHA-256 (hex) of the short check value shown once to the reporter. */
    checkHash: text("check_hash").notNull(),
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "cascade" }),
    serviceId: integer("service_id").references(() => publicServices.id, { onDelete: "set null" }),
    /** A code of core COMPLAINT_CATEGORIES. */
    category: text("category").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    location: text("location"),
    /** Where it came in: `web` (the public page), `counter`, `lapor` (SP4N-LAPOR!). */
    channel: text("channel").notNull().default("web"),
    anonymous: boolean("anonymous").notNull().default(false),
    /** The identity is kept but shown to officers only on request, each view logged. */
    confidential: boolean("confidential").notNull().default(false),
    reporterName: text("reporter_name"),
    reporterEmail: text("reporter_email"),
    reporterPhone: text("reporter_phone"),
    citizenId: uuid("citizen_id").references(() => citizens.id, { onDelete: "set null" }),
    /** The SP4N-LAPOR! tracking id when the complaint also lives there (cross-reference only). */
    laporTrackingId: text("lapor_tracking_id"),
    /** The unit the complaint was forwarded to at verification. */
    dispositionUnitId: integer("disposition_unit_id").references(() => units.id, { onDelete: "set null" }),
    /** The officer's answer (posted with `post_answer`). */
    answer: text("answer"),
    workflowId: text("workflow_id").notNull(),
    workflowVersion: integer("workflow_version").notNull(),
    state: text("state").notNull(),
    /** Personal data (identity, attachments) is removed on or after this day. */
    retainUntil: date("retain_until", { mode: "string" }).notNull(),
    personalDataRemovedAt: timestamp("personal_data_removed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("complaints_agency_state_idx").on(t.agencyId, t.state),
    index("complaints_citizen_idx").on(t.citizenId),
    index("complaints_retain_idx").on(t.retainUntil),
    check("complaints_anonymous_ck", sql`not ${t.anonymous} or (${t.reporterName} is null and ${t.reporterEmail} is null and ${t.reporterPhone} is null and ${t.citizenId} is null)`),
  ],
);

/** The engine's history of a complaint, append-only; (complaint, seq) unique so two writers of one step collide. */
export const complaintTransitions = pgTable(
  "complaint_transitions",
  {
    id: serial("id").primaryKey(),
    complaintId: integer("complaint_id")
      .notNull()
      .references(() => complaints.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    action: text("action").notNull(),
    fromState: text("from_state"),
    toState: text("to_state").notNull(),
    /** `user:<id>`, `citizen:<uuid>`, `pelapor` (the anonymous reporter with the check value) or `sistem`. */
    actorId: text("actor_id").notNull(),
    actorRole: text("actor_role").notNull(),
    /** The staff member, when the actor is one. */
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    at: timestamp("at", { withTimezone: true }).notNull(),
    reason: text("reason"),
    /** A reason the system gave (the automatic close): code and values the interface words; `reason` keeps the Indonesian text. */
    reasonCode: text("reason_code"),
    reasonParams: jsonb("reason_params").$type<Record<string, string | number>>(),
  },
  (t) => [unique("complaint_transitions_seq_uq").on(t.complaintId, t.seq)],
);

/** Files the reporter attached (content-sniffed, size-limited), kept in the database until the retention sweep. */
export const complaintAttachments = pgTable("complaint_attachments", {
  id: serial("id").primaryKey(),
  complaintId: integer("complaint_id")
    .notNull()
    .references(() => complaints.id, { onDelete: "cascade" }),
  fileName: text("file_name").notNull(),
  fileType: text("file_type").notNull(),
  size: integer("size").notNull(),
  sha256: text("sha256").notNull(),
  content: bytea("content").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
});

/** Who saw the reporter's identity of a complaint, and when (UU 27/2022). */
export const complaintIdentityAccess = pgTable(
  "complaint_identity_access",
  {
    id: serial("id").primaryKey(),
    complaintId: integer("complaint_id")
      .notNull()
      .references(() => complaints.id, { onDelete: "cascade" }),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    reason: text("reason"),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("complaint_identity_access_complaint_idx").on(t.complaintId)],
);

/** Help for users of a service (the "fasilitas dukungan pengguna"): questions and answers, in order. */
export const serviceFaqs = pgTable(
  "service_faqs",
  {
    id: serial("id").primaryKey(),
    serviceId: integer("service_id")
      .notNull()
      .references(() => publicServices.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
    question: text("question").notNull(),
    answer: text("answer").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("service_faqs_service_idx").on(t.serviceId)],
);

/** Complaint reminders already sent: one per (complaint, state visit, SLA status), so the job is idempotent. */
export const complaintReminders = pgTable(
  "complaint_reminders",
  {
    complaintId: integer("complaint_id")
      .notNull()
      .references(() => complaints.id, { onDelete: "cascade" }),
    /** The seq of the transition that entered the state. */
    visitSeq: integer("visit_seq").notNull(),
    status: text("status").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull(),
  },
  (t) => [unique("complaint_reminders_uq").on(t.complaintId, t.visitSeq, t.status)],
);
