-- The change feed: every committed change to a row that a cache in the app depends on is
-- announced on the channel 'accord_changes' as {"t": table, "k": {column: value, ...}}, with
-- the columns named in the trigger's arguments (old and new values on UPDATE). NOTIFY is
-- transactional, so a rolled-back change announces nothing. Every app process listens and
-- evicts what the change touched; the database, not the code paths that write, keeps caches true.
CREATE OR REPLACE FUNCTION accord_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  keys jsonb := '{}'::jsonb;
  col text;
  i int;
BEGIN
  FOR i IN 0 .. TG_NARGS - 1 LOOP
    col := TG_ARGV[i];
    IF TG_OP <> 'DELETE' THEN
      keys := keys || jsonb_build_object(col, to_jsonb(NEW) ->> col);
    END IF;
    IF TG_OP = 'DELETE' THEN
      keys := keys || jsonb_build_object(col, to_jsonb(OLD) ->> col);
    ELSIF TG_OP = 'UPDATE' AND (to_jsonb(OLD) ->> col) IS DISTINCT FROM (to_jsonb(NEW) ->> col) THEN
      keys := keys || jsonb_build_object('old_' || col, to_jsonb(OLD) ->> col);
    END IF;
  END LOOP;
  PERFORM pg_notify('accord_changes', jsonb_build_object('t', TG_TABLE_NAME, 'k', keys)::text);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER sessions_changes AFTER UPDATE OR DELETE ON sessions FOR EACH ROW EXECUTE FUNCTION accord_notify_change('id', 'user_id');
--> statement-breakpoint
CREATE TRIGGER users_changes AFTER UPDATE OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION accord_notify_change('id');
--> statement-breakpoint
CREATE TRIGGER api_tokens_changes AFTER UPDATE OR DELETE ON api_tokens FOR EACH ROW EXECUTE FUNCTION accord_notify_change('user_id');
--> statement-breakpoint
CREATE TRIGGER council_roles_changes AFTER INSERT OR UPDATE OR DELETE ON council_roles FOR EACH ROW EXECUTE FUNCTION accord_notify_change('user_id', 'council_id');
--> statement-breakpoint
CREATE TRIGGER study_groups_changes AFTER INSERT OR UPDATE OR DELETE ON study_groups FOR EACH ROW EXECUTE FUNCTION accord_notify_change('id', 'slug');
--> statement-breakpoint
CREATE TRIGGER group_memberships_changes AFTER INSERT OR UPDATE OR DELETE ON group_memberships FOR EACH ROW EXECUTE FUNCTION accord_notify_change('group_id', 'user_id');
--> statement-breakpoint
CREATE TRIGGER study_group_co_chairs_changes AFTER INSERT OR UPDATE OR DELETE ON study_group_co_chairs FOR EACH ROW EXECUTE FUNCTION accord_notify_change('group_id');
--> statement-breakpoint
CREATE TRIGGER meetings_changes AFTER INSERT OR UPDATE OR DELETE ON meetings FOR EACH ROW EXECUTE FUNCTION accord_notify_change('group_id');
--> statement-breakpoint
CREATE TRIGGER member_committees_changes AFTER INSERT OR UPDATE OR DELETE ON member_committees FOR EACH ROW EXECUTE FUNCTION accord_notify_change('id');
--> statement-breakpoint
CREATE TRIGGER committee_memberships_changes AFTER INSERT OR UPDATE OR DELETE ON committee_memberships FOR EACH ROW EXECUTE FUNCTION accord_notify_change('committee_id');
--> statement-breakpoint
CREATE TRIGGER councils_changes AFTER INSERT OR UPDATE OR DELETE ON councils FOR EACH ROW EXECUTE FUNCTION accord_notify_change('id');
--> statement-breakpoint
CREATE TRIGGER sc_meetings_changes AFTER INSERT OR UPDATE OR DELETE ON sc_meetings FOR EACH ROW EXECUTE FUNCTION accord_notify_change('id');
