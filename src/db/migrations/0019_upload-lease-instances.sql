CREATE TABLE "server_instances" (
	"id" text PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL,
	"backend_pid" integer,
	"backend_start" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "evidence_uploads" ADD COLUMN "receiving_instance" text;