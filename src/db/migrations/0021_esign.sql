CREATE TABLE "esign_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"verification_id" text NOT NULL,
	"reference_id" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"signing_link" jsonb NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"form_document_id" uuid NOT NULL,
	"signed_document_id" uuid,
	"requested_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "kyc_cases_one_open_per_user";--> statement-breakpoint
ALTER TABLE "esign_requests" ADD CONSTRAINT "esign_requests_case_id_kyc_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."kyc_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "esign_requests" ADD CONSTRAINT "esign_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "esign_requests" ADD CONSTRAINT "esign_requests_form_document_id_documents_id_fk" FOREIGN KEY ("form_document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "esign_requests" ADD CONSTRAINT "esign_requests_signed_document_id_documents_id_fk" FOREIGN KEY ("signed_document_id") REFERENCES "public"."documents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "esign_requests_verification_id_key" ON "esign_requests" USING btree ("verification_id");--> statement-breakpoint
CREATE INDEX "esign_requests_case_id_idx" ON "esign_requests" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "esign_requests_one_pending_per_case" ON "esign_requests" USING btree ("case_id") WHERE "esign_requests"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "kyc_cases_one_open_per_user" ON "kyc_cases" USING btree ("user_id") WHERE "kyc_cases"."status" not in ('approved', 'rejected', 'esign_pending', 'esign_expired', 'completed');