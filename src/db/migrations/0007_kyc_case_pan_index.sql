ALTER TABLE "kyc_cases" ADD COLUMN "pan_blind_index" text;--> statement-breakpoint
CREATE INDEX "kyc_cases_pan_blind_index_idx" ON "kyc_cases" USING btree ("pan_blind_index");