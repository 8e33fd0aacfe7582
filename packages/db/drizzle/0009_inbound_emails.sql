CREATE TABLE "inbound_emails" (
	"id" uuid PRIMARY KEY NOT NULL,
	"message_key" text NOT NULL,
	"sender" text NOT NULL,
	"transport" text NOT NULL,
	"outcome" text NOT NULL,
	"storefront_id" uuid,
	"claim_id" uuid,
	"reply_event_id" uuid,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inbound_emails" ADD CONSTRAINT "inbound_emails_storefront_id_storefronts_id_fk" FOREIGN KEY ("storefront_id") REFERENCES "public"."storefronts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_emails" ADD CONSTRAINT "inbound_emails_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "inbound_emails_message_unique" ON "inbound_emails" USING btree ("sender","message_key");--> statement-breakpoint
CREATE INDEX "inbound_emails_sender_idx" ON "inbound_emails" USING btree ("sender","received_at");