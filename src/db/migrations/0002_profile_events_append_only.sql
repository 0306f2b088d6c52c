-- History tables are append-only: any UPDATE or DELETE raises, whoever issues it.
CREATE OR REPLACE FUNCTION pehchan_refuse_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'history table % is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER profile_events_append_only BEFORE UPDATE OR DELETE ON profile_events
  FOR EACH ROW EXECUTE FUNCTION pehchan_refuse_history_change();
