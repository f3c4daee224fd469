-- Deliberation pushed live (issue #9): every committed change to what the deliberation panels
-- show — versions, amendments, comment threads, positions, outcomes, silence procedures and
-- their breaks, a draft's title and status — is announced on the change feed with its draft,
-- and the collaboration server tells everyone viewing that draft to read it again. A store of
-- the text itself (state, state_version) announces nothing: the text travels through Yjs.
CREATE TRIGGER draft_versions_changes AFTER INSERT OR UPDATE OR DELETE ON draft_versions FOR EACH ROW EXECUTE FUNCTION accord_notify_change('draft_id');
--> statement-breakpoint
CREATE TRIGGER amendments_changes AFTER INSERT OR UPDATE OR DELETE ON amendments FOR EACH ROW EXECUTE FUNCTION accord_notify_change('draft_id');
--> statement-breakpoint
CREATE TRIGGER draft_comments_changes AFTER INSERT OR UPDATE OR DELETE ON draft_comments FOR EACH ROW EXECUTE FUNCTION accord_notify_change('draft_id');
--> statement-breakpoint
CREATE TRIGGER positions_changes AFTER INSERT OR UPDATE OR DELETE ON positions FOR EACH ROW EXECUTE FUNCTION accord_notify_change('draft_id');
--> statement-breakpoint
CREATE TRIGGER recommendation_outcomes_changes AFTER INSERT OR UPDATE OR DELETE ON recommendation_outcomes FOR EACH ROW EXECUTE FUNCTION accord_notify_change('draft_id');
--> statement-breakpoint
CREATE TRIGGER silence_procedures_changes AFTER INSERT OR UPDATE OR DELETE ON silence_procedures FOR EACH ROW EXECUTE FUNCTION accord_notify_change('draft_id');
--> statement-breakpoint
CREATE OR REPLACE FUNCTION accord_notify_silence_break() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d uuid;
BEGIN
  IF TG_OP = 'DELETE' THEN
    SELECT draft_id INTO d FROM silence_procedures WHERE id = OLD.procedure_id;
  ELSE
    SELECT draft_id INTO d FROM silence_procedures WHERE id = NEW.procedure_id;
  END IF;
  PERFORM pg_notify('accord_changes', jsonb_build_object('t', TG_TABLE_NAME, 'k', jsonb_build_object('draft_id', d))::text);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER silence_breaks_changes AFTER INSERT OR UPDATE OR DELETE ON silence_breaks FOR EACH ROW EXECUTE FUNCTION accord_notify_silence_break();
--> statement-breakpoint
CREATE TRIGGER drafts_changes AFTER UPDATE ON drafts FOR EACH ROW
  WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.status IS DISTINCT FROM NEW.status OR OLD.version IS DISTINCT FROM NEW.version)
  EXECUTE FUNCTION accord_notify_change('id', 'group_id');
