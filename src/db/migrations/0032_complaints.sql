CREATE TABLE "complaint_attachments" (
	"id" serial PRIMARY KEY NOT NULL,
	"complaint_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"file_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_identity_access" (
	"id" serial PRIMARY KEY NOT NULL,
	"complaint_id" integer NOT NULL,
	"user_id" integer,
	"reason" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_reminders" (
	"complaint_id" integer NOT NULL,
	"visit_seq" integer NOT NULL,
	"status" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "complaint_reminders_uq" UNIQUE("complaint_id","visit_seq","status")
);
--> statement-breakpoint
CREATE TABLE "complaint_transitions" (
	"id" serial PRIMARY KEY NOT NULL,
	"complaint_id" integer NOT NULL,
	"seq" integer NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"actor_id" text NOT NULL,
	"actor_role" text NOT NULL,
	"user_id" integer,
	"at" timestamp with time zone NOT NULL,
	"reason" text,
	CONSTRAINT "complaint_transitions_seq_uq" UNIQUE("complaint_id","seq")
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" serial PRIMARY KEY NOT NULL,
	"tracking_number" text NOT NULL,
	"check_hash" text NOT NULL,
	"agency_id" integer NOT NULL,
	"service_id" integer,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"location" text,
	"channel" text DEFAULT 'web' NOT NULL,
	"anonymous" boolean DEFAULT false NOT NULL,
	"confidential" boolean DEFAULT false NOT NULL,
	"reporter_name" text,
	"reporter_email" text,
	"reporter_phone" text,
	"citizen_id" uuid,
	"lapor_tracking_id" text,
	"disposition_unit_id" integer,
	"answer" text,
	"workflow_id" text NOT NULL,
	"workflow_version" integer NOT NULL,
	"state" text NOT NULL,
	"retain_until" date NOT NULL,
	"personal_data_removed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "complaints_tracking_number_unique" UNIQUE("tracking_number"),
	CONSTRAINT "complaints_anonymous_ck" CHECK (not "complaints"."anonymous" or ("complaints"."reporter_name" is null and "complaints"."reporter_email" is null and "complaints"."reporter_phone" is null and "complaints"."citizen_id" is null))
);
--> statement-breakpoint
CREATE TABLE "service_faqs" (
	"id" serial PRIMARY KEY NOT NULL,
	"service_id" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"question" text NOT NULL,
	"answer" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "complaint_attachments" ADD CONSTRAINT "complaint_attachments_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_identity_access" ADD CONSTRAINT "complaint_identity_access_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_identity_access" ADD CONSTRAINT "complaint_identity_access_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_reminders" ADD CONSTRAINT "complaint_reminders_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_transitions" ADD CONSTRAINT "complaint_transitions_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_transitions" ADD CONSTRAINT "complaint_transitions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_service_id_public_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."public_services"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_disposition_unit_id_units_id_fk" FOREIGN KEY ("disposition_unit_id") REFERENCES "public"."units"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_faqs" ADD CONSTRAINT "service_faqs_service_id_public_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."public_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaint_identity_access_complaint_idx" ON "complaint_identity_access" USING btree ("complaint_id");--> statement-breakpoint
CREATE INDEX "complaints_agency_state_idx" ON "complaints" USING btree ("agency_id","state");--> statement-breakpoint
CREATE INDEX "complaints_citizen_idx" ON "complaints" USING btree ("citizen_id");--> statement-breakpoint
CREATE INDEX "complaints_retain_idx" ON "complaints" USING btree ("retain_until");--> statement-breakpoint
CREATE INDEX "service_faqs_service_idx" ON "service_faqs" USING btree ("service_id");