CREATE TABLE "indicator_units" (
	"assessment_id" integer NOT NULL,
	"indicator_code" text NOT NULL,
	"unit_id" integer NOT NULL,
	"assigned_by_user_id" integer,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_units_assessment_id_indicator_code_pk" PRIMARY KEY("assessment_id","indicator_code")
);
--> statement-breakpoint
ALTER TABLE "indicator_units" ADD CONSTRAINT "indicator_units_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_units" ADD CONSTRAINT "indicator_units_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_units" ADD CONSTRAINT "indicator_units_assigned_by_user_id_users_id_fk" FOREIGN KEY ("assigned_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- The workspace shows each indicator's unit: its cached response follows these rows (see 0013).
CREATE TRIGGER indicator_units_cache_ins AFTER INSERT ON indicator_units REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_assessment_rows();
--> statement-breakpoint
CREATE TRIGGER indicator_units_cache_upd AFTER UPDATE ON indicator_units REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_assessment_rows();
--> statement-breakpoint
CREATE TRIGGER indicator_units_cache_del AFTER DELETE ON indicator_units REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_assessment_rows();
