CREATE TABLE "group_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"transition" text NOT NULL,
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"sc_meeting_id" uuid,
	"reasons" text,
	"term_end" date,
	"version_number" integer,
	"decided_by" uuid,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "group_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"email" text NOT NULL,
	"role" text NOT NULL,
	"committee_id" uuid,
	"user_id" uuid,
	"invited_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "proposal_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"version_number" integer NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"content" jsonb NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "auth_links" ADD COLUMN "group_invitation_id" uuid;--> statement-breakpoint
ALTER TABLE "sc_meetings" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "group_memberships" ADD COLUMN "ended_by" uuid;--> statement-breakpoint
ALTER TABLE "study_groups" ADD COLUMN "kind" text DEFAULT 'study_group' NOT NULL;--> statement-breakpoint
ALTER TABLE "study_groups" ADD COLUMN "parent_group_id" uuid;--> statement-breakpoint
ALTER TABLE "study_groups" ADD COLUMN "focus" text;--> statement-breakpoint
ALTER TABLE "study_groups" ADD COLUMN "follows_group_id" uuid;--> statement-breakpoint
ALTER TABLE "study_groups" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "group_decisions" ADD CONSTRAINT "group_decisions_group_id_study_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."study_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_decisions" ADD CONSTRAINT "group_decisions_sc_meeting_id_sc_meetings_id_fk" FOREIGN KEY ("sc_meeting_id") REFERENCES "public"."sc_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_decisions" ADD CONSTRAINT "group_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_invitations" ADD CONSTRAINT "group_invitations_group_id_study_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."study_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_invitations" ADD CONSTRAINT "group_invitations_committee_id_member_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."member_committees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_invitations" ADD CONSTRAINT "group_invitations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_invitations" ADD CONSTRAINT "group_invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_reviews" ADD CONSTRAINT "proposal_reviews_group_id_study_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."study_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_reviews" ADD CONSTRAINT "proposal_reviews_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_versions" ADD CONSTRAINT "proposal_versions_group_id_study_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."study_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_versions" ADD CONSTRAINT "proposal_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "group_decisions_group_idx" ON "group_decisions" USING btree ("group_id","decided_at");--> statement-breakpoint
CREATE INDEX "group_invitations_group_idx" ON "group_invitations" USING btree ("group_id");--> statement-breakpoint
CREATE UNIQUE INDEX "group_invitations_open_key" ON "group_invitations" USING btree ("group_id","email","role") WHERE accepted_at IS NULL AND revoked_at IS NULL;--> statement-breakpoint
CREATE INDEX "proposal_reviews_group_idx" ON "proposal_reviews" USING btree ("group_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_versions_number_key" ON "proposal_versions" USING btree ("group_id","number");--> statement-breakpoint
ALTER TABLE "auth_links" ADD CONSTRAINT "auth_links_group_invitation_id_group_invitations_id_fk" FOREIGN KEY ("group_invitation_id") REFERENCES "public"."group_invitations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_memberships" ADD CONSTRAINT "group_memberships_ended_by_users_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_groups" ADD CONSTRAINT "study_groups_parent_group_id_study_groups_id_fk" FOREIGN KEY ("parent_group_id") REFERENCES "public"."study_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_groups" ADD CONSTRAINT "study_groups_follows_group_id_study_groups_id_fk" FOREIGN KEY ("follows_group_id") REFERENCES "public"."study_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_groups" ADD CONSTRAINT "study_groups_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "group_memberships_active_role_key" ON "group_memberships" USING btree ("group_id","user_id","role") WHERE ended_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "group_memberships_one_head_key" ON "group_memberships" USING btree ("group_id","committee_id") WHERE role = 'delegation_head' AND ended_at IS NULL;--> statement-breakpoint
CREATE INDEX "study_groups_parent_idx" ON "study_groups" USING btree ("parent_group_id");--> statement-breakpoint
CREATE INDEX "study_groups_follows_idx" ON "study_groups" USING btree ("follows_group_id");--> statement-breakpoint
ALTER TABLE "study_groups" ADD CONSTRAINT "study_groups_term_order" CHECK ("study_groups"."term_end" >= "study_groups"."term_start");