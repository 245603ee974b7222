CREATE TABLE "agency_letterheads" (
	"agency_id" integer PRIMARY KEY NOT NULL,
	"office_name" text,
	"address" text,
	"phone" text,
	"email" text,
	"website" text,
	"seat" text,
	"logo_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agency_logos" (
	"id" serial PRIMARY KEY NOT NULL,
	"agency_id" integer NOT NULL,
	"sha256" text NOT NULL,
	"content_type" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agency_logos_agency_sha_uq" UNIQUE("agency_id","sha256")
);
--> statement-breakpoint
ALTER TABLE "agency_letterheads" ADD CONSTRAINT "agency_letterheads_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_letterheads" ADD CONSTRAINT "agency_letterheads_logo_id_agency_logos_id_fk" FOREIGN KEY ("logo_id") REFERENCES "public"."agency_logos"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_logos" ADD CONSTRAINT "agency_logos_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;