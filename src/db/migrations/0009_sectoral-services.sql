CREATE TABLE "sectoral_services" (
	"assessment_id" integer NOT NULL,
	"indicator_code" text NOT NULL,
	"name" text NOT NULL,
	"unit_name" text NOT NULL,
	"updated_by_user_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sectoral_services_assessment_id_indicator_code_pk" PRIMARY KEY("assessment_id","indicator_code")
);
--> statement-breakpoint
ALTER TABLE "sectoral_services" ADD CONSTRAINT "sectoral_services_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sectoral_services" ADD CONSTRAINT "sectoral_services_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;