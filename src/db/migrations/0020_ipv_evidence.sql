CREATE TABLE "ipv_challenges" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"instruction" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ipv_evidence" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"selfie_check_id" uuid NOT NULL,
	"challenge_id" uuid,
	"challenge_status" text NOT NULL,
	"instruction" text,
	"location" jsonb,
	"client_ip" jsonb NOT NULL,
	"user_agent" text,
	"client_captured_at" timestamp with time zone,
	"received_at" timestamp with time zone NOT NULL,
	"upload_sha256" text NOT NULL,
	"stored_sha256" text NOT NULL,
	"geo_status" text NOT NULL,
	"geo_verification_id" text,
	"geo_city" text,
	"geo_state" text,
	"geo_country_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ipv_challenges" ADD CONSTRAINT "ipv_challenges_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ipv_evidence" ADD CONSTRAINT "ipv_evidence_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ipv_evidence" ADD CONSTRAINT "ipv_evidence_selfie_check_id_selfie_checks_id_fk" FOREIGN KEY ("selfie_check_id") REFERENCES "public"."selfie_checks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ipv_challenges_user_id_idx" ON "ipv_challenges" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "ipv_evidence_selfie_check_id_key" ON "ipv_evidence" USING btree ("selfie_check_id");
