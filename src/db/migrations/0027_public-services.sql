CREATE TABLE "public_services" (
	"id" serial PRIMARY KEY NOT NULL,
	"agency_id" integer NOT NULL,
	"unit_id" integer,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"sector" text NOT NULL,
	"online_url" text,
	"at_mpp" boolean DEFAULT false NOT NULL,
	"at_office" boolean DEFAULT true NOT NULL,
	"fee_rupiah" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "public_services_agency_slug_uq" UNIQUE("agency_id","slug"),
	CONSTRAINT "public_services_fee_ck" CHECK ("public_services"."fee_rupiah" is null or "public_services"."fee_rupiah" >= 0)
);
--> statement-breakpoint
CREATE TABLE "service_standard_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"service_id" integer NOT NULL,
	"version" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"requirements" text DEFAULT '' NOT NULL,
	"procedure" text DEFAULT '' NOT NULL,
	"duration" text DEFAULT '' NOT NULL,
	"cost" text DEFAULT '' NOT NULL,
	"product" text DEFAULT '' NOT NULL,
	"complaints" text DEFAULT '' NOT NULL,
	"legal_basis" text DEFAULT '' NOT NULL,
	"facilities" text DEFAULT '' NOT NULL,
	"competence" text DEFAULT '' NOT NULL,
	"supervision" text DEFAULT '' NOT NULL,
	"staffing" text DEFAULT '' NOT NULL,
	"service_guarantee" text DEFAULT '' NOT NULL,
	"safety_guarantee" text DEFAULT '' NOT NULL,
	"performance_evaluation" text DEFAULT '' NOT NULL,
	"decree_number" text,
	"decree_date" date,
	"in_force_at" timestamp with time zone,
	"replaced_at" timestamp with time zone,
	"updated_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_standard_versions_service_version_uq" UNIQUE("service_id","version"),
	CONSTRAINT "service_standard_versions_status_ck" CHECK ("service_standard_versions"."status" in ('draft', 'in_force', 'replaced'))
);
--> statement-breakpoint
ALTER TABLE "public_services" ADD CONSTRAINT "public_services_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_services" ADD CONSTRAINT "public_services_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_standard_versions" ADD CONSTRAINT "service_standard_versions_service_id_public_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."public_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_standard_versions" ADD CONSTRAINT "service_standard_versions_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "public_services_sector_idx" ON "public_services" USING btree ("sector");--> statement-breakpoint
CREATE UNIQUE INDEX "service_standard_versions_in_force_uq" ON "service_standard_versions" USING btree ("service_id") WHERE status = 'in_force';--> statement-breakpoint
CREATE UNIQUE INDEX "service_standard_versions_draft_uq" ON "service_standard_versions" USING btree ("service_id") WHERE status = 'draft';--> statement-breakpoint
-- The public catalogue (GET /api/public/services…) is cached per change of the 'services' counter
-- (src/server/features/public-services): any write to a service or a version raises it in the same
-- transaction, as migration 0013 does for the other cached answers.
CREATE FUNCTION pandu_cache_services() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pandu_touch(ARRAY['services'], ARRAY[NULL::integer]);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER public_services_cache AFTER INSERT OR UPDATE OR DELETE ON public_services FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_services();
--> statement-breakpoint
CREATE TRIGGER service_standard_versions_cache AFTER INSERT OR UPDATE OR DELETE ON service_standard_versions FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_services();
--> statement-breakpoint
CREATE TRIGGER units_services_cache AFTER UPDATE OR DELETE ON units FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_services();
--> statement-breakpoint
CREATE TRIGGER agencies_services_cache AFTER UPDATE ON agencies FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_services();
