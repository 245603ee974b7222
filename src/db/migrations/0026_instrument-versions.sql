CREATE TABLE "instrument_versions" (
	"instrument_id" text NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"sha256" text NOT NULL,
	"body" jsonb NOT NULL,
	"source_format" text NOT NULL,
	"uploaded_by" integer,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	CONSTRAINT "instrument_versions_pk" PRIMARY KEY("instrument_id","version")
);
--> statement-breakpoint
ALTER TABLE "instrument_versions" ADD CONSTRAINT "instrument_versions_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "instrument_versions_uploaded_idx" ON "instrument_versions" USING btree ("uploaded_at");