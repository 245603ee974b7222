ALTER TABLE "answers" ADD COLUMN "value_hundredths" integer;--> statement-breakpoint
ALTER TABLE "answers" ADD COLUMN "external_score_hundredths" integer;--> statement-breakpoint
ALTER TABLE "answers" ADD COLUMN "external_source" text;--> statement-breakpoint
ALTER TABLE "answers" ADD COLUMN "external_year" integer;--> statement-breakpoint
-- An answer's value is now held in hundredths (Pemdi values such as 1.26); existing whole levels keep their meaning.
UPDATE "answers" SET "value_hundredths" = "level" * 100 WHERE "level" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "answers" DROP COLUMN "level";
