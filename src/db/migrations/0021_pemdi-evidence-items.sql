CREATE TABLE "evidence_item_links" (
	"assessment_id" integer NOT NULL,
	"indicator_code" text NOT NULL,
	"evidence_id" integer NOT NULL,
	"item_code" text NOT NULL,
	"stage" text NOT NULL,
	"created_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_item_links_assessment_id_indicator_code_item_code_evidence_id_pk" PRIMARY KEY("assessment_id","indicator_code","item_code","evidence_id")
);
--> statement-breakpoint
CREATE TABLE "evidence_item_reviews" (
	"assessment_id" integer NOT NULL,
	"indicator_code" text NOT NULL,
	"item_code" text NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"stage" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"reviewed_by_user_id" integer,
	"reviewed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_item_reviews_assessment_id_indicator_code_item_code_pk" PRIMARY KEY("assessment_id","indicator_code","item_code"),
	CONSTRAINT "evidence_item_reviews_status_ck" CHECK ("evidence_item_reviews"."status" in ('diterima', 'revisi', 'ditolak'))
);
--> statement-breakpoint
ALTER TABLE "evidence_item_links" ADD CONSTRAINT "evidence_item_links_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_item_links" ADD CONSTRAINT "evidence_item_links_answer_evidence_fk" FOREIGN KEY ("assessment_id","indicator_code","evidence_id") REFERENCES "public"."answer_evidence"("assessment_id","indicator_code","evidence_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_item_reviews" ADD CONSTRAINT "evidence_item_reviews_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_item_reviews" ADD CONSTRAINT "evidence_item_reviews_reviewed_by_user_id_users_id_fk" FOREIGN KEY ("reviewed_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;