CREATE TABLE "skm_follow_ups" (
	"id" serial PRIMARY KEY NOT NULL,
	"survey_id" integer NOT NULL,
	"element" text NOT NULL,
	"action" text NOT NULL,
	"owner_unit_id" integer,
	"due_date" date,
	"status" text DEFAULT 'planned' NOT NULL,
	"improvement_action_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "skm_follow_ups_status_ck" CHECK ("skm_follow_ups"."status" in ('planned', 'in_progress', 'done'))
);
--> statement-breakpoint
CREATE TABLE "skm_responses" (
	"id" serial PRIMARY KEY NOT NULL,
	"survey_id" integer NOT NULL,
	"u1" smallint NOT NULL,
	"u2" smallint NOT NULL,
	"u3" smallint NOT NULL,
	"u4" smallint NOT NULL,
	"u5" smallint NOT NULL,
	"u6" smallint NOT NULL,
	"u7" smallint NOT NULL,
	"u8" smallint NOT NULL,
	"u9" smallint NOT NULL,
	"age_band" text,
	"sex" text,
	"education" text,
	"occupation" text,
	"channel" text DEFAULT 'online' NOT NULL,
	"counter" text,
	"device_hash" text,
	"import_batch" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "skm_responses_device_uq" UNIQUE("survey_id","device_hash"),
	CONSTRAINT "skm_responses_answers_ck" CHECK ("skm_responses"."u1" between 1 and 4 and "skm_responses"."u2" between 1 and 4 and "skm_responses"."u3" between 1 and 4 and "skm_responses"."u4" between 1 and 4 and "skm_responses"."u5" between 1 and 4 and "skm_responses"."u6" between 1 and 4 and "skm_responses"."u7" between 1 and 4 and "skm_responses"."u8" between 1 and 4 and "skm_responses"."u9" between 1 and 4)
);
--> statement-breakpoint
CREATE TABLE "skm_surveys" (
	"id" serial PRIMARY KEY NOT NULL,
	"agency_id" integer NOT NULL,
	"service_id" integer NOT NULL,
	"title" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"population" integer,
	"counters" text[] DEFAULT '{}'::text[] NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "skm_surveys_status_ck" CHECK ("skm_surveys"."status" in ('draft', 'open', 'closed')),
	CONSTRAINT "skm_surveys_period_ck" CHECK ("skm_surveys"."period_end" >= "skm_surveys"."period_start"),
	CONSTRAINT "skm_surveys_population_ck" CHECK ("skm_surveys"."population" is null or "skm_surveys"."population" >= 1)
);
--> statement-breakpoint
ALTER TABLE "skm_follow_ups" ADD CONSTRAINT "skm_follow_ups_survey_id_skm_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."skm_surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skm_follow_ups" ADD CONSTRAINT "skm_follow_ups_owner_unit_id_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."units"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skm_follow_ups" ADD CONSTRAINT "skm_follow_ups_improvement_action_id_improvement_actions_id_fk" FOREIGN KEY ("improvement_action_id") REFERENCES "public"."improvement_actions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skm_responses" ADD CONSTRAINT "skm_responses_survey_id_skm_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."skm_surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skm_surveys" ADD CONSTRAINT "skm_surveys_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skm_surveys" ADD CONSTRAINT "skm_surveys_service_id_public_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."public_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skm_surveys" ADD CONSTRAINT "skm_surveys_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "skm_follow_ups_survey_idx" ON "skm_follow_ups" USING btree ("survey_id");--> statement-breakpoint
CREATE INDEX "skm_responses_survey_idx" ON "skm_responses" USING btree ("survey_id");--> statement-breakpoint
CREATE INDEX "skm_surveys_agency_idx" ON "skm_surveys" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "skm_surveys_service_idx" ON "skm_surveys" USING btree ("service_id");