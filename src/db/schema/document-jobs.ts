import { customType, index, integer, jsonb, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./users";
import { issuedDocuments } from "./issued-documents";

export const documentJobStatus = pgEnum("document_job_status", ["queued", "running", "done", "failed"]);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** What a document job produces: an LHE of an assessment, or a province summary of a year. */
export type DocumentJobParams = { kind: "lhe"; assessmentId: number } | { kind: "province-summary"; province: string; year: number };

/**
 * A long official PDF (LHE, province summary) produced in the background: queued by a request,
 * claimed by one server instance with `FOR UPDATE SKIP LOCKED` (several instances never run a job
 * twice), its progress (0–100) written as it renders, and at the end either `done` with the issued
 * document and its bytes, or `failed` with an error code. Only the requester sees a job.
 */
export const documentJobs = pgTable(
  "document_jobs",
  {
    /** Random public id (base64url). */
    id: text("id").primaryKey(),
    params: jsonb("params").$type<DocumentJobParams>().notNull(),
    requestedByUserId: integer("requested_by_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Who asked, as the audit trail records them (actor, label, IP, user agent): the issue is audited in their name. */
    audit: jsonb("audit").$type<{ actorUserId: number | null; actorLabel: string; ip: string | null; userAgent: string | null }>().notNull(),
    /** The site's address when it was requested, for the verification URL printed in the document. */
    origin: text("origin").notNull(),
    status: documentJobStatus("status").notNull().default("queued"),
    progress: integer("progress").notNull().default(0),
    /** The server instance running it (`server_instances.id`), while running. */
    instanceId: text("instance_id"),
    documentId: text("document_id").references(() => issuedDocuments.id, { onDelete: "set null" }),
    fileName: text("file_name"),
    /** The PDF bytes once done (the same bytes as the register's SHA-256). */
    result: bytea("result"),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("document_jobs_status_idx").on(t.status, t.createdAt), index("document_jobs_user_idx").on(t.requestedByUserId)],
);
