import { sql } from "drizzle-orm";
import { bigint, check, date, foreignKey, index, integer, pgTable, primaryKey, serial, text, timestamp, unique } from "drizzle-orm/pg-core";
import { agencies } from "./agencies";
import { assessments } from "./evaluation";
import { users } from "./users";

/**
 * A piece of evidence (bukti dukung / data dukung) in an agency's library: a document such as a
 * Pergub or Perbup with its number and date, and the date of its latest review, which level 4
 * criteria want less than two years old. Its files are the versions below.
 */
export const evidence = pgTable(
  "evidence",
  {
    id: serial("id").primaryKey(),
    agencyId: integer("agency_id").notNull().references(() => agencies.id),
    title: text("title").notNull(),
    documentNumber: text("document_number"),
    documentDate: date("document_date", { mode: "string" }),
    /** The review / validity date of the document (YYYY-MM-DD). */
    reviewDate: date("review_date", { mode: "string" }),
    createdByUserId: integer("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("evidence_agency_updated_idx").on(t.agencyId, t.updatedAt)],
);

/**
 * One uploaded file of a piece of evidence. The object is content-addressed (`storageKey` is
 * `<agencyCode>/<sha256>`), and one content appears once per agency (unique agency + sha256):
 * uploading it again answers the existing evidence instead of storing a copy.
 */
export const evidenceVersions = pgTable(
  "evidence_versions",
  {
    id: serial("id").primaryKey(),
    evidenceId: integer("evidence_id").notNull().references(() => evidence.id, { onDelete: "cascade" }),
    agencyId: integer("agency_id").notNull().references(() => agencies.id),
    version: integer("version").notNull(),
    sha256: text("sha256").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    /** Detected from the content: pdf, png, jpeg, docx, xlsx, pptx, mp4. */
    fileType: text("file_type").notNull(),
    contentType: text("content_type").notNull(),
    /** The uploaded file name, cleaned, with the extension of the detected type. */
    fileName: text("file_name").notNull(),
    storageKey: text("storage_key").notNull(),
    createdByUserId: integer("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("evidence_versions_evidence_version_uq").on(t.evidenceId, t.version),
    unique("evidence_versions_agency_sha256_uq").on(t.agencyId, t.sha256),
    index("evidence_versions_storage_key_idx").on(t.storageKey),
  ],
);

/**
 * Evidence linked to an indicator's answer of an assessment. Every stage sees the link; `stage` is
 * the stage it was made in, whose record it belongs to: once that stage is closed the link can no
 * longer be removed. One piece of evidence may support many indicators and many periods.
 */
export const answerEvidence = pgTable(
  "answer_evidence",
  {
    assessmentId: integer("assessment_id").notNull().references(() => assessments.id, { onDelete: "cascade" }),
    indicatorCode: text("indicator_code").notNull(),
    evidenceId: integer("evidence_id").notNull().references(() => evidence.id, { onDelete: "cascade" }),
    stage: text("stage").notNull().default("mandiri"),
    createdByUserId: integer("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.indicatorCode, t.evidenceId] }), index("answer_evidence_evidence_idx").on(t.evidenceId)],
);

/**
 * A piece of evidence linked to a numbered evidence item (`L2-01`) of an indicator of an assessment
 * (Pemdi: the national portal files each upload under an item). The evidence is linked to the
 * indicator too (the parent row; removing that link removes these). `stage` is the stage it was made
 * in, as for `answer_evidence`.
 */
export const evidenceItemLinks = pgTable(
  "evidence_item_links",
  {
    assessmentId: integer("assessment_id").notNull(),
    indicatorCode: text("indicator_code").notNull(),
    evidenceId: integer("evidence_id").notNull(),
    itemCode: text("item_code").notNull(),
    stage: text("stage").notNull(),
    createdByUserId: integer("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.assessmentId, t.indicatorCode, t.itemCode, t.evidenceId] }),
    foreignKey({ columns: [t.assessmentId, t.indicatorCode, t.evidenceId], foreignColumns: [answerEvidence.assessmentId, answerEvidence.indicatorCode, answerEvidence.evidenceId], name: "evidence_item_links_answer_evidence_fk" }).onDelete("cascade"),
  ],
);

/**
 * The assessor's decision on one evidence item of an indicator of an assessment: `diterima`,
 * `revisi` or `ditolak`, with a note, who and when, and the stage it was made in. `version` grows by
 * one with each change, so two assessors saving at once cannot overwrite each other unseen (409).
 * Items above a rejected level are rejected automatically when read (core `effectiveEvidenceItems`);
 * only the assessor's own decisions are stored.
 */
export const evidenceItemReviews = pgTable(
  "evidence_item_reviews",
  {
    assessmentId: integer("assessment_id").notNull().references(() => assessments.id, { onDelete: "cascade" }),
    indicatorCode: text("indicator_code").notNull(),
    itemCode: text("item_code").notNull(),
    status: text("status").notNull(),
    note: text("note"),
    stage: text("stage").notNull(),
    version: integer("version").notNull().default(1),
    reviewedByUserId: integer("reviewed_by_user_id").references(() => users.id, { onDelete: "set null" }),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.indicatorCode, t.itemCode] }), check("evidence_item_reviews_status_ck", sql`${t.status} in ('diterima', 'revisi', 'ditolak')`)],
);
