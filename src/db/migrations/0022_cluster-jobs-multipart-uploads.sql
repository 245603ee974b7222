CREATE TABLE "job_runs" (
	"job" text NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"instance_id" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "job_runs_job_period_start_pk" PRIMARY KEY("job","period_start")
);
--> statement-breakpoint
ALTER TABLE "evidence_uploads" ADD COLUMN "multipart_id" text;--> statement-breakpoint
ALTER TABLE "evidence_uploads" ADD COLUMN "received" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "evidence_uploads" ADD COLUMN "parts" jsonb DEFAULT '[]'::jsonb NOT NULL;