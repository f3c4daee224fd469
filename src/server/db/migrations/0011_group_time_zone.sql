ALTER TABLE "study_groups" ADD COLUMN "time_zone" text;--> statement-breakpoint
-- Groups that already meet keep the zone their deadlines were read in: their first meeting's.
UPDATE "study_groups" g SET "time_zone" = (SELECT m."time_zone" FROM "meetings" m WHERE m."group_id" = g."id" AND m."time_zone" IS NOT NULL ORDER BY m."sequence" LIMIT 1);
