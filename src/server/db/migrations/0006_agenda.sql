CREATE TABLE "agenda_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"lang" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"status_reason" text,
	"proposed_by" uuid,
	"committee_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agenda_items_number_positive" CHECK ("agenda_items"."number" > 0)
);
--> statement-breakpoint
CREATE TABLE "session_agenda_items" (
	"session_id" uuid NOT NULL,
	"agenda_item_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "session_agenda_items_session_id_agenda_item_id_pk" PRIMARY KEY("session_id","agenda_item_id")
);
--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_group_id_study_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."study_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_committee_id_member_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."member_committees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_agenda_items" ADD CONSTRAINT "session_agenda_items_session_id_meeting_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."meeting_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_agenda_items" ADD CONSTRAINT "session_agenda_items_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agenda_items_number_key" ON "agenda_items" USING btree ("group_id","number");--> statement-breakpoint
CREATE INDEX "session_agenda_items_item_idx" ON "session_agenda_items" USING btree ("agenda_item_id");