CREATE TABLE "assessment_results" (
	"id" serial PRIMARY KEY NOT NULL,
	"assessment_id" integer NOT NULL,
	"revision" integer NOT NULL,
	"levels" jsonb NOT NULL,
	"index_10k" integer NOT NULL,
	"predicate" text NOT NULL,
	"predicate_policy" text NOT NULL,
	"reason" text,
	"created_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessment_results_revision_uq" UNIQUE("assessment_id","revision")
);
--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "review_status" text;--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "review_notes" text;--> statement-breakpoint
ALTER TABLE "assessment_results" ADD CONSTRAINT "assessment_results_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_results" ADD CONSTRAINT "assessment_results_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;