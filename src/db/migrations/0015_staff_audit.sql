CREATE TABLE "staff_audit_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"actor_id" uuid NOT NULL,
	"actor_role" text NOT NULL,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" uuid NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ip" text,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "staff_audit_events_created_at_idx" ON "staff_audit_events" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "staff_audit_events_actor_id_idx" ON "staff_audit_events" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "staff_audit_events_target_idx" ON "staff_audit_events" USING btree ("target_type","target_id");--> statement-breakpoint
-- The staff audit log is append-only, like the case history (0006).
CREATE TRIGGER staff_audit_events_append_only BEFORE UPDATE OR DELETE ON staff_audit_events
  FOR EACH ROW EXECUTE FUNCTION pehchan_refuse_history_change();
