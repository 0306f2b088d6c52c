-- Personal values become encryption envelopes. Existing plaintext stays, as a JSON string (or
-- number), until the application encrypts it at its next start (src/db/backfill.ts), which then
-- records the step in app_backfills so that it runs once.
CREATE TABLE "app_backfills" (
	"name" text PRIMARY KEY NOT NULL,
	"completed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "name" SET DATA TYPE jsonb USING to_jsonb("name");--> statement-breakpoint
ALTER TABLE "address_details" ALTER COLUMN "permanent_address" SET DATA TYPE jsonb USING to_jsonb("permanent_address");--> statement-breakpoint
ALTER TABLE "address_details" ALTER COLUMN "landmark" SET DATA TYPE jsonb USING to_jsonb("landmark");--> statement-breakpoint
ALTER TABLE "address_details" ALTER COLUMN "permanent_city" SET DATA TYPE jsonb USING to_jsonb("permanent_city");--> statement-breakpoint
ALTER TABLE "address_details" ALTER COLUMN "permanent_pincode" SET DATA TYPE jsonb USING to_jsonb("permanent_pincode");--> statement-breakpoint
ALTER TABLE "address_details" ALTER COLUMN "permanent_state" SET DATA TYPE jsonb USING to_jsonb("permanent_state");--> statement-breakpoint
ALTER TABLE "address_details" ALTER COLUMN "permanent_country" SET DATA TYPE jsonb USING to_jsonb("permanent_country");--> statement-breakpoint
ALTER TABLE "pan_details" ALTER COLUMN "name" SET DATA TYPE jsonb USING to_jsonb("name");--> statement-breakpoint
ALTER TABLE "pan_details" ALTER COLUMN "mobile_no" SET DATA TYPE jsonb USING to_jsonb("mobile_no");--> statement-breakpoint
ALTER TABLE "pan_details" ALTER COLUMN "email" SET DATA TYPE jsonb USING to_jsonb("email");--> statement-breakpoint
ALTER TABLE "profile_details" ALTER COLUMN "gender" SET DATA TYPE jsonb USING to_jsonb("gender");--> statement-breakpoint
ALTER TABLE "profile_details" ALTER COLUMN "place_of_birth" SET DATA TYPE jsonb USING to_jsonb("place_of_birth");--> statement-breakpoint
ALTER TABLE "profile_details" ALTER COLUMN "occupation" SET DATA TYPE jsonb USING to_jsonb("occupation");--> statement-breakpoint
ALTER TABLE "profile_details" ALTER COLUMN "annual_income" SET DATA TYPE jsonb USING to_jsonb("annual_income");--> statement-breakpoint
ALTER TABLE "official_identities" ALTER COLUMN "name" SET DATA TYPE jsonb USING to_jsonb("name");--> statement-breakpoint
ALTER TABLE "official_identities" ALTER COLUMN "gender" SET DATA TYPE jsonb USING to_jsonb("gender");