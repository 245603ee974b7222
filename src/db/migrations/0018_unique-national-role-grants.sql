ALTER TABLE "user_roles" DROP CONSTRAINT "user_roles_uq";--> statement-breakpoint
-- Hand-written: two concurrent grants of a national role (agency_id NULL) could both be inserted,
-- since NULLs were distinct in the old constraint. Keep the oldest row of each duplicate set.
DELETE FROM "user_roles" d USING "user_roles" k
  WHERE d."user_id" = k."user_id" AND d."role" = k."role" AND d."agency_id" IS NOT DISTINCT FROM k."agency_id" AND d."id" > k."id";--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_uq" UNIQUE NULLS NOT DISTINCT("user_id","role","agency_id");--> statement-breakpoint
-- Hand-written: throttle keys are now "account:<e-mail>" and "address:<ip>"; old rows keyed by the
-- bare e-mail would never be read again.
DELETE FROM "login_throttle";
