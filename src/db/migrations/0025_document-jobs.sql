CREATE TYPE "public"."document_job_status" AS ENUM('queued', 'running', 'done', 'failed');--> statement-breakpoint
CREATE TABLE "document_jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"params" jsonb NOT NULL,
	"requested_by_user_id" integer NOT NULL,
	"audit" jsonb NOT NULL,
	"origin" text NOT NULL,
	"status" "document_job_status" DEFAULT 'queued' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"instance_id" text,
	"document_id" text,
	"file_name" text,
	"result" "bytea",
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "issued_documents" ALTER COLUMN "assessment_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "issued_documents" ADD COLUMN "subject_key" text;--> statement-breakpoint
ALTER TABLE "document_jobs" ADD CONSTRAINT "document_jobs_requested_by_user_id_users_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_jobs" ADD CONSTRAINT "document_jobs_document_id_issued_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."issued_documents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "document_jobs_status_idx" ON "document_jobs" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "document_jobs_user_idx" ON "document_jobs" USING btree ("requested_by_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "issued_documents_key_uq" ON "issued_documents" USING btree ("kind","agency_id","subject_key") WHERE subject_key is not null;