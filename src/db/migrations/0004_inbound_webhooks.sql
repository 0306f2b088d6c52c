CREATE TABLE "inbound_webhooks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"body_sha256" text NOT NULL,
	"event_type" text,
	"verification_id" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "inbound_webhooks_body_sha256_key" ON "inbound_webhooks" USING btree ("body_sha256");