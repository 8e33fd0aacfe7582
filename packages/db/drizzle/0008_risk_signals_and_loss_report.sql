-- Changes existing rows: claims filed before this migration get the description key the API
-- computes for new ones (sha256 of the lower-cased, whitespace-collapsed, trimmed text; none
-- under 40 characters), so DESCRIPTION_REUSED finds them too. SQL's lower() and \s agree with the API's on ASCII text.
-- Delivery-address keys need the API's Unicode normalising and are set as packages are written.
CREATE TABLE "loss_report_closed_months" (
	"storefront_id" uuid NOT NULL,
	"month" date NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "loss_report_closed_months_storefront_id_month_pk" PRIMARY KEY("storefront_id","month"),
	CONSTRAINT "loss_report_closed_months_first_day" CHECK (extract(day from "loss_report_closed_months"."month") = 1)
);
--> statement-breakpoint
CREATE TABLE "loss_report_months" (
	"storefront_id" uuid NOT NULL,
	"month" date NOT NULL,
	"currency" text NOT NULL,
	"guarantees_sold" integer NOT NULL,
	"fees_minor" bigint NOT NULL,
	"refunds_minor" bigint NOT NULL,
	"claims_filed" integer NOT NULL,
	"claims_approved" integer NOT NULL,
	"claims_rejected" integer NOT NULL,
	"payouts_minor" bigint NOT NULL,
	"median_hours" double precision,
	"promised" integer NOT NULL,
	"kept" integer NOT NULL,
	CONSTRAINT "loss_report_months_storefront_id_month_currency_pk" PRIMARY KEY("storefront_id","month","currency"),
	CONSTRAINT "loss_report_months_first_day" CHECK (extract(day from "loss_report_months"."month") = 1)
);
--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "description_key" text;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "risk_signals" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "packages" ADD COLUMN "delivery_address_key" text;--> statement-breakpoint
ALTER TABLE "loss_report_closed_months" ADD CONSTRAINT "loss_report_closed_months_storefront_id_storefronts_id_fk" FOREIGN KEY ("storefront_id") REFERENCES "public"."storefronts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loss_report_months" ADD CONSTRAINT "loss_report_months_storefront_id_storefronts_id_fk" FOREIGN KEY ("storefront_id") REFERENCES "public"."storefronts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "claims_description_key_idx" ON "claims" USING btree ("storefront_id","description_key") WHERE "claims"."description_key" is not null;--> statement-breakpoint
CREATE INDEX "claims_filed_report_idx" ON "claims" USING btree ("storefront_id","filed_at","currency");--> statement-breakpoint
CREATE INDEX "claims_decided_report_idx" ON "claims" USING btree ("storefront_id","decided_at","currency","outcome","filed_at","due_at") WHERE "claims"."decided_at" is not null;--> statement-breakpoint
CREATE INDEX "claims_paid_report_idx" ON "claims" USING btree ("storefront_id","paid_at","currency","payable_minor") WHERE "claims"."paid_at" is not null;--> statement-breakpoint
CREATE INDEX "guarantees_purchased_report_idx" ON "guarantees" USING btree ("storefront_id","purchased_at","currency","fee_minor");--> statement-breakpoint
CREATE INDEX "guarantees_cancelled_report_idx" ON "guarantees" USING btree ("storefront_id","cancelled_at","currency","fee_minor") WHERE "guarantees"."cancelled_at" is not null;--> statement-breakpoint
CREATE INDEX "packages_delivery_address_idx" ON "packages" USING btree ("storefront_id","delivery_address_key") WHERE "packages"."delivery_address_key" is not null;--> statement-breakpoint
UPDATE "claims" SET "description_key" = encode(sha256(convert_to(f.fingerprint, 'UTF8')), 'hex')
FROM (
  SELECT "id", lower(btrim(regexp_replace("description", '\s+', ' ', 'g'))) AS fingerprint FROM "claims"
) AS f
WHERE f."id" = "claims"."id" AND length(f.fingerprint) >= 40;
