CREATE TABLE "fatca_details" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"tax_resident_outside_india" boolean NOT NULL,
	"details" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE TABLE "nomination_details" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"opt_out" boolean NOT NULL,
	"opt_out_declared_at" timestamp with time zone,
	"nominees" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE TABLE "pep_details" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"politically_exposed" boolean NOT NULL,
	"related_to_politically_exposed" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE TABLE "trading_preferences" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"segments" text[] NOT NULL,
	"income_range" jsonb NOT NULL,
	"income_proof_type" text,
	"income_proof_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
ALTER TABLE "fatca_details" ADD CONSTRAINT "fatca_details_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nomination_details" ADD CONSTRAINT "nomination_details_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pep_details" ADD CONSTRAINT "pep_details_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trading_preferences" ADD CONSTRAINT "trading_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trading_preferences" ADD CONSTRAINT "trading_preferences_income_proof_id_documents_id_fk" FOREIGN KEY ("income_proof_id") REFERENCES "public"."documents"("id") ON DELETE set null ON UPDATE no action;
