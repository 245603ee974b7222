DROP INDEX "applications_queue_idx";--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "retention_due" date;--> statement-breakpoint
CREATE INDEX "applications_paused_idx" ON "applications" USING btree ("agency_id","submitted_at") WHERE "applications"."paused" and not "applications"."terminal";--> statement-breakpoint
CREATE INDEX "applications_retention_idx" ON "applications" USING btree ("retention_due") WHERE "applications"."retention_due" is not null;--> statement-breakpoint
CREATE INDEX "applications_queue_idx" ON "applications" USING btree ("agency_id","terminal","state_deadline","submitted_at");