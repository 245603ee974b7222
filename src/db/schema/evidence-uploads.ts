import { bigint, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { agencies } from "./agencies";
import { evidence } from "./evidence";
import { users } from "./users";

/**
 * A resumable upload in progress (for slow connections): the file arrives in chunks appended to a
 * partial file under the storage's temporary directory, whose length is the offset to resume
 * from. When the last byte arrives the file goes through the same path as a one-shot upload and
 * this row is deleted; an abandoned one expires and the sweeper removes it with its partial file.
 */
export const evidenceUploads = pgTable(
  "evidence_uploads",
  {
    /** Random, unguessable (UUID v4): also the partial file's name. */
    id: text("id").primaryKey(),
    agencyId: integer("agency_id").notNull().references(() => agencies.id),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    /** Set when the upload is a new version of this evidence. */
    evidenceId: integer("evidence_id").references(() => evidence.id, { onDelete: "cascade" }),
    fileName: text("file_name"),
    /** The whole file's length in bytes, declared when the upload starts. */
    size: bigint("size", { mode: "number" }).notNull(),
    /** The metadata fields as validated when the upload started (title, number, dates). */
    fields: jsonb("fields").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    /** While a chunk is arriving: until when the request holding the upload may write (a lease), and its token. */
    receivingUntil: timestamp("receiving_until", { withTimezone: true }),
    receivingToken: text("receiving_token"),
    /** The server instance (`server_instances`) holding the lease: when it is gone, the lease is void. */
    receivingInstance: text("receiving_instance"),
    /**
     * S3 store: the multipart upload (CreateMultipartUpload's UploadId) that holds the chunks, one
     * part per chunk, so any instance can continue the upload. Null on the filesystem store, where
     * the partial file lives in the (shared) evidence directory.
     */
    multipartId: text("multipart_id"),
    /** S3 store: bytes stored in parts so far (the offset to resume from). */
    received: bigint("received", { mode: "number" }).notNull().default(0),
    /** S3 store: the parts stored so far, in order: `{ partNumber, etag, size }`. */
    parts: jsonb("parts").$type<{ partNumber: number; etag: string; size: number }[]>().notNull().default([]),
  },
  (t) => [index("evidence_uploads_expires_idx").on(t.expiresAt)],
);
