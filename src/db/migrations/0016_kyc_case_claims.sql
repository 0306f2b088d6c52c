ALTER TABLE "kyc_cases" ADD COLUMN "assigned_to" uuid;--> statement-breakpoint
ALTER TABLE "kyc_cases" ADD COLUMN "assigned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "kyc_cases" ADD CONSTRAINT "kyc_cases_assigned_to_users_id_fk" FOREIGN KEY ("assigned_to") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kyc_cases_assigned_to_idx" ON "kyc_cases" USING btree ("assigned_to");--> statement-breakpoint
CREATE INDEX "kyc_cases_queue_idx" ON "kyc_cases" USING btree ("status",coalesce("submitted_at", "created_at"),"id");