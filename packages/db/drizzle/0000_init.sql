CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"mode" text NOT NULL,
	"storefront_id" uuid,
	"key_hash" text NOT NULL,
	"hint" text NOT NULL,
	"label" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_operator_has_no_storefront" CHECK (("api_keys"."kind" = 'operator') = ("api_keys"."storefront_id" is null))
);
--> statement-breakpoint
CREATE TABLE "claim_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"claim_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor" text NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "claims" (
	"id" uuid PRIMARY KEY NOT NULL,
	"storefront_id" uuid NOT NULL,
	"guarantee_id" uuid NOT NULL,
	"package_id" uuid NOT NULL,
	"member_id" text NOT NULL,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"description" text NOT NULL,
	"reference" text NOT NULL,
	"flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"filed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"documents_complete_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"outcome" text,
	"currency" text NOT NULL,
	"payable_minor" bigint,
	"audited_minor" bigint,
	"reason_codes" text[],
	"breakdown" jsonb,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"decision_note" text,
	"payout_reference" text,
	"paid_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claims_decision_consistent" CHECK (("claims"."status" in ('APPROVED', 'PAID') and "claims"."outcome" = 'APPROVE' and "claims"."payable_minor" is not null)
        or ("claims"."status" = 'REJECTED' and "claims"."outcome" = 'REJECT')
        or ("claims"."status" in ('NEEDS_DOCUMENTS', 'UNDER_REVIEW') and "claims"."outcome" is null)),
	CONSTRAINT "claims_paid_has_reference" CHECK (("claims"."status" = 'PAID') = ("claims"."payout_reference" is not null))
);
--> statement-breakpoint
CREATE TABLE "deliveries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"event_seq" bigint NOT NULL,
	"storefront_id" uuid NOT NULL,
	"aggregate_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"target" text NOT NULL,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"last_status_code" integer,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delivery_attempts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"delivery_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"status_code" integer,
	"error" text,
	"duration_ms" integer NOT NULL,
	"ok" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_blobs" (
	"document_id" uuid PRIMARY KEY NOT NULL,
	"content" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"storefront_id" uuid NOT NULL,
	"member_id" text,
	"claim_id" uuid,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"upload_token_hash" text NOT NULL,
	"upload_expires_at" timestamp with time zone NOT NULL,
	"uploaded_at" timestamp with time zone,
	"sha256" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "guarantees" (
	"id" uuid PRIMARY KEY NOT NULL,
	"storefront_id" uuid NOT NULL,
	"order_number" text NOT NULL,
	"member_id" text NOT NULL,
	"member_email" text NOT NULL,
	"status" text DEFAULT 'ACTIVE' NOT NULL,
	"currency" text NOT NULL,
	"product_value_minor" bigint NOT NULL,
	"fee_minor" bigint NOT NULL,
	"policy_version" text NOT NULL,
	"quote_id" text NOT NULL,
	"quote" jsonb NOT NULL,
	"purchased_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" text,
	"cancel_reason" text,
	CONSTRAINT "guarantees_fee_positive" CHECK ("guarantees"."fee_minor" > 0 and "guarantees"."product_value_minor" > 0),
	CONSTRAINT "guarantees_cancel_consistent" CHECK (("guarantees"."status" = 'CANCELLED') = ("guarantees"."cancelled_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"storefront_id" uuid NOT NULL,
	"operation" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"response" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_storefront_id_operation_key_pk" PRIMARY KEY("storefront_id","operation","key")
);
--> statement-breakpoint
CREATE TABLE "outbox_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "outbox_events_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"storefront_id" uuid NOT NULL,
	"type" text NOT NULL,
	"aggregate_id" uuid NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "package_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"package_id" uuid NOT NULL,
	"type" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"signed_by" text,
	"actual_weight_grams" integer,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "packages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"storefront_id" uuid NOT NULL,
	"guarantee_id" uuid NOT NULL,
	"tracking_number" text NOT NULL,
	"currency" text NOT NULL,
	"declared_value_minor" bigint NOT NULL,
	"sale_price_minor" bigint NOT NULL,
	"shipping_fee_minor" bigint NOT NULL,
	"estimated_weight_grams" integer,
	"delivery_address" jsonb,
	"member_center_address" jsonb,
	"status" text DEFAULT 'REGISTERED' NOT NULL,
	"shipped_at" timestamp with time zone,
	"arrived_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"lost_at" timestamp with time zone,
	"signed_by" text,
	"actual_weight_grams" integer,
	"flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"paid_minor" bigint DEFAULT 0 NOT NULL,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "packages_amounts_non_negative" CHECK ("packages"."declared_value_minor" >= 0 and "packages"."sale_price_minor" >= 0 and "packages"."shipping_fee_minor" >= 0 and "packages"."paid_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "policy_versions" (
	"version" text PRIMARY KEY NOT NULL,
	"document" jsonb NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "storefronts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"allowed_origins" text[] DEFAULT '{}'::text[] NOT NULL,
	"webhook_url" text,
	"webhook_secret" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_storefront_id_storefronts_id_fk" FOREIGN KEY ("storefront_id") REFERENCES "public"."storefronts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_events" ADD CONSTRAINT "claim_events_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_storefront_id_storefronts_id_fk" FOREIGN KEY ("storefront_id") REFERENCES "public"."storefronts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_guarantee_id_guarantees_id_fk" FOREIGN KEY ("guarantee_id") REFERENCES "public"."guarantees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_package_id_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."packages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_event_id_outbox_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."outbox_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_storefront_id_storefronts_id_fk" FOREIGN KEY ("storefront_id") REFERENCES "public"."storefronts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_attempts" ADD CONSTRAINT "delivery_attempts_delivery_id_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."deliveries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_blobs" ADD CONSTRAINT "document_blobs_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_storefront_id_storefronts_id_fk" FOREIGN KEY ("storefront_id") REFERENCES "public"."storefronts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guarantees" ADD CONSTRAINT "guarantees_storefront_id_storefronts_id_fk" FOREIGN KEY ("storefront_id") REFERENCES "public"."storefronts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guarantees" ADD CONSTRAINT "guarantees_policy_version_policy_versions_version_fk" FOREIGN KEY ("policy_version") REFERENCES "public"."policy_versions"("version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_storefront_id_storefronts_id_fk" FOREIGN KEY ("storefront_id") REFERENCES "public"."storefronts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_events" ADD CONSTRAINT "outbox_events_storefront_id_storefronts_id_fk" FOREIGN KEY ("storefront_id") REFERENCES "public"."storefronts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "package_events" ADD CONSTRAINT "package_events_package_id_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."packages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "packages" ADD CONSTRAINT "packages_storefront_id_storefronts_id_fk" FOREIGN KEY ("storefront_id") REFERENCES "public"."storefronts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "packages" ADD CONSTRAINT "packages_guarantee_id_guarantees_id_fk" FOREIGN KEY ("guarantee_id") REFERENCES "public"."guarantees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_key_hash_unique" ON "api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "claim_events_claim_seq" ON "claim_events" USING btree ("claim_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "claims_one_open_per_package" ON "claims" USING btree ("package_id") WHERE "claims"."status" in ('NEEDS_DOCUMENTS', 'UNDER_REVIEW', 'APPROVED');--> statement-breakpoint
CREATE INDEX "claims_storefront_due_idx" ON "claims" USING btree ("storefront_id","due_at","id");--> statement-breakpoint
CREATE INDEX "claims_due_idx" ON "claims" USING btree ("due_at","id");--> statement-breakpoint
CREATE INDEX "claims_member_idx" ON "claims" USING btree ("storefront_id","member_id");--> statement-breakpoint
CREATE INDEX "claims_guarantee_idx" ON "claims" USING btree ("guarantee_id");--> statement-breakpoint
CREATE INDEX "deliveries_due_idx" ON "deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "deliveries_storefront_idx" ON "deliveries" USING btree ("storefront_id","created_at");--> statement-breakpoint
CREATE INDEX "deliveries_aggregate_idx" ON "deliveries" USING btree ("channel","aggregate_id","event_seq");--> statement-breakpoint
CREATE UNIQUE INDEX "delivery_attempts_unique" ON "delivery_attempts" USING btree ("delivery_id","attempt");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_upload_token_unique" ON "documents" USING btree ("upload_token_hash");--> statement-breakpoint
CREATE INDEX "documents_claim_idx" ON "documents" USING btree ("claim_id");--> statement-breakpoint
CREATE UNIQUE INDEX "guarantees_storefront_order_unique" ON "guarantees" USING btree ("storefront_id","order_number");--> statement-breakpoint
CREATE INDEX "guarantees_member_idx" ON "guarantees" USING btree ("storefront_id","member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_events_seq" ON "outbox_events" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "outbox_events_aggregate_idx" ON "outbox_events" USING btree ("aggregate_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "package_events_dedupe" ON "package_events" USING btree ("package_id","type","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "packages_storefront_tracking_unique" ON "packages" USING btree ("storefront_id","tracking_number");--> statement-breakpoint
CREATE INDEX "packages_guarantee_idx" ON "packages" USING btree ("guarantee_id");