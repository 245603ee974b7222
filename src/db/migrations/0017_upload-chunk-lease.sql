ALTER TABLE "evidence_uploads" ADD COLUMN "receiving_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "evidence_uploads" ADD COLUMN "receiving_token" text;