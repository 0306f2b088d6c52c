CREATE TABLE "investigation_holds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"placed_by" uuid NOT NULL,
	"placed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"released_by" uuid,
	"released_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "investigation_holds_user_id_idx" ON "investigation_holds" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "investigation_holds_one_active_idx" ON "investigation_holds" USING btree ("user_id") WHERE "investigation_holds"."released_at" is null;