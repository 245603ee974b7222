CREATE TABLE "regional_targets" (
	"id" serial PRIMARY KEY NOT NULL,
	"agency_id" integer NOT NULL,
	"year" integer NOT NULL,
	"target_hundredths" integer NOT NULL,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "regional_targets_agency_year_uq" UNIQUE("agency_id","year")
);
--> statement-breakpoint
ALTER TABLE "regional_targets" ADD CONSTRAINT "regional_targets_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;