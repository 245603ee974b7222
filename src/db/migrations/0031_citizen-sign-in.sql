CREATE TABLE "citizen_sign_in_codes" (
	"email" text PRIMARY KEY NOT NULL,
	"code_hash" text,
	"salt" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"wrong_tries" integer DEFAULT 0 NOT NULL,
	"sent_in_window" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "oidc_sign_in_states" (
	"state_hash" text PRIMARY KEY NOT NULL,
	"audience" text NOT NULL,
	"code_verifier" text NOT NULL,
	"nonce" text NOT NULL,
	"return_to" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_oidc_identities" (
	"user_id" integer NOT NULL,
	"issuer" text NOT NULL,
	"subject" text NOT NULL,
	"linked_at" timestamp with time zone NOT NULL,
	"last_sign_in_at" timestamp with time zone,
	CONSTRAINT "staff_oidc_identities_uq" UNIQUE("issuer","subject")
);
--> statement-breakpoint
ALTER TABLE "staff_oidc_identities" ADD CONSTRAINT "staff_oidc_identities_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "oidc_sign_in_states_expires_idx" ON "oidc_sign_in_states" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "staff_oidc_identities_user_idx" ON "staff_oidc_identities" USING btree ("user_id");