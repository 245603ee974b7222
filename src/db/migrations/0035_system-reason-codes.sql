ALTER TABLE "application_transitions" ADD COLUMN "reason_code" text;--> statement-breakpoint
ALTER TABLE "application_transitions" ADD COLUMN "reason_params" jsonb;--> statement-breakpoint
ALTER TABLE "complaint_transitions" ADD COLUMN "reason_code" text;--> statement-breakpoint
ALTER TABLE "complaint_transitions" ADD COLUMN "reason_params" jsonb;--> statement-breakpoint
-- Rows the system wrote before: their Indonesian text becomes the code and values the interface words.
UPDATE "complaint_transitions" SET "reason_code" = 'complaint_auto_close', "reason_params" = '{}'::jsonb
  WHERE "actor_id" = 'sistem' AND "reason" = 'Ditutup otomatis oleh sistem: pelapor tidak menanggapi jawaban dalam batas waktu hari kerja.';--> statement-breakpoint
UPDATE "application_transitions" t SET "reason_code" = 'application_auto_action',
  "reason_params" = jsonb_build_object('workingDays', m[1]::int, 'deadline', m[2])
  FROM (SELECT "application_id", "seq", regexp_match("reason", '^Otomatis: tidak ada tindak lanjut pemohon dalam (\d+) hari kerja \(batas (\d{4}-\d{2}-\d{2})\)\.$') AS m
        FROM "application_transitions" WHERE "actor_id" = 'system') s
  WHERE t."application_id" = s."application_id" AND t."seq" = s."seq" AND s.m IS NOT NULL;
