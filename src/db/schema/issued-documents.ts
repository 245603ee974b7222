import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, unique, uniqueIndex } from "drizzle-orm/pg-core";
import { agencies } from "./agencies";
import { assessments } from "./evaluation";
import type { Letterhead } from "../../lib/pdf/letterhead";

/** What an issued document froze of its kop surat: the text as printed and the logo by its (immutable) `agency_logos` row. */
export type LetterheadSnapshot = Omit<Letterhead, "logo"> & { logoId: number | null };

/** What an issued document froze at its first issue so that every later download gives the same bytes. */
export interface IssuedDocumentSnapshot {
  /** The verification address printed (and QR-encoded) on the document. */
  verifyUrl: string;
  /** The people who sign the self-assessment record, as their profiles said at the first issue; NIP null when unknown. */
  signatories?: { coordinator: { name: string | null; nip: string | null }; leader: { name: string | null; nip: string | null } };
  /** The people who sign any other document, in order, each under a title. */
  signers?: { title: string; name: string | null; nip: string | null }[];
  /** The kop surat printed; absent on documents issued before kop surat existed (they render without one). */
  letterhead?: LetterheadSnapshot;
}

/**
 * The register of official documents Pandu issued (Berita Acara, LHE, province summary): one row per document,
 * written at its first issue and never changed. The public id is random (unguessable) and is what
 * the verification page `/verifikasi/<id>` looks up; `sha256` is the hash of the PDF bytes, so a
 * reader can check that a copy is the one issued. A document is identified by its kind, its
 * assessment and the moment of the snapshot it states (`subjectAt`, e.g. the submission time), or,
 * without an assessment, by its kind, agency and `subjectKey`.
 */
export const issuedDocuments = pgTable(
  "issued_documents",
  {
    id: text("id").primaryKey(),
    kind: text("kind").notNull(),
    /** The assessment stated; null for a document of an agency's data (a province summary), then `subjectKey`. */
    assessmentId: integer("assessment_id").references(() => assessments.id, { onDelete: "cascade" }),
    /** For a document of no assessment: what data it states (the year and a SHA-256 of the figures). */
    subjectKey: text("subject_key"),
    agencyId: integer("agency_id").notNull().references(() => agencies.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    /** The sequence within (kind, agency, year) that the number was made from. */
    year: integer("year").notNull(),
    seq: integer("seq").notNull(),
    number: text("number").notNull(),
    sha256: text("sha256").notNull(),
    /** The moment the document states (its date); the same snapshot is the same document. */
    subjectAt: timestamp("subject_at", { withTimezone: true }).notNull(),
    snapshot: jsonb("snapshot").$type<IssuedDocumentSnapshot>().notNull(),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("issued_documents_subject_uq").on(t.kind, t.assessmentId, t.subjectAt),
    unique("issued_documents_seq_uq").on(t.kind, t.agencyId, t.year, t.seq),
    index("issued_documents_assessment_idx").on(t.assessmentId),
    uniqueIndex("issued_documents_key_uq").on(t.kind, t.agencyId, t.subjectKey).where(sql`subject_key is not null`),
  ],
);
