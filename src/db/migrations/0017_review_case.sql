CREATE TABLE "review_notes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_proposals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"reason_codes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"user_message" text,
	"internal_note" text,
	"proposed_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_templates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"decision" text NOT NULL,
	"reason_codes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"message" text NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "review_notes" ADD CONSTRAINT "review_notes_case_id_kyc_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."kyc_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_proposals" ADD CONSTRAINT "review_proposals_case_id_kyc_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."kyc_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "review_notes_case_id_idx" ON "review_notes" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "review_proposals_case_id_key" ON "review_proposals" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "review_templates_name_key" ON "review_templates" USING btree ("name");--> statement-breakpoint
-- Starting templates, editable by admins (reason codes from REVIEW_REASON_CODES).
INSERT INTO "review_templates" ("id", "name", "decision", "reason_codes", "message") VALUES
  (gen_random_uuid(), 'Documents unclear', 'request_changes', '["documents_unclear"]',
   'We could not read one of your documents clearly. Please upload a clear, complete copy and submit again.'),
  (gen_random_uuid(), 'Identity not verified', 'reject', '["identity_mismatch"]',
   'We could not verify your identity from the details and documents you gave, so we cannot complete your KYC.'),
  (gen_random_uuid(), 'Verified by a reviewer', 'approve', '["verified_manually"]',
   'Your KYC is complete. Thank you for your patience.');
