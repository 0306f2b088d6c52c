-- Servers keep a short-lived cache of checked sessions (src/modules/auth/session-cache.ts). Every change that can
-- end a live session or change what it may do is announced on this channel when it commits, whoever makes it (the
-- service, another instance, an operator's SQL), so that each server drops what it cached at once.
CREATE FUNCTION "notify_session_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('pehchan_session_changes', 'session:' || OLD."id"::text);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "notify_user_access_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('pehchan_session_changes', 'user:' || OLD."id"::text);
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Revoked sessions cannot be cached; a deleted or updated live one (revoked, stepped up, cut short) can.
CREATE TRIGGER "sessions_notify_change" AFTER UPDATE OR DELETE ON "sessions"
  FOR EACH ROW WHEN (OLD."revoked_at" IS NULL) EXECUTE FUNCTION "notify_session_changed"();
--> statement-breakpoint
CREATE TRIGGER "users_notify_access_change" AFTER UPDATE OF "status", "role" ON "users"
  FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."role" IS DISTINCT FROM NEW."role")
  EXECUTE FUNCTION "notify_user_access_changed"();
