-- Changes existing rows: claims filed before this migration get the description key the API
-- computes for new ones (sha256 of the lower-cased, whitespace-collapsed, trimmed text; none
-- under 40 characters), so DESCRIPTION_REUSED finds them too. SQL's lower() and \s agree with the API's on ASCII text.
-- Delivery-address keys need the API's Unicode normalising and are set as packages are written.
ALTER TABLE "claims" ADD COLUMN "description_key" text;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "risk_signals" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "packages" ADD COLUMN "delivery_address_key" text;--> statement-breakpoint
CREATE INDEX "claims_description_key_idx" ON "claims" USING btree ("storefront_id","description_key") WHERE "claims"."description_key" is not null;--> statement-breakpoint
CREATE INDEX "claims_filed_report_idx" ON "claims" USING btree ("filed_at","storefront_id","currency");--> statement-breakpoint
CREATE INDEX "claims_decided_report_idx" ON "claims" USING btree ("decided_at","storefront_id","currency","outcome","filed_at","due_at") WHERE "claims"."decided_at" is not null;--> statement-breakpoint
CREATE INDEX "claims_paid_report_idx" ON "claims" USING btree ("paid_at","storefront_id","currency","payable_minor") WHERE "claims"."paid_at" is not null;--> statement-breakpoint
CREATE INDEX "guarantees_purchased_report_idx" ON "guarantees" USING btree ("purchased_at","storefront_id","currency","fee_minor");--> statement-breakpoint
CREATE INDEX "guarantees_cancelled_report_idx" ON "guarantees" USING btree ("cancelled_at","storefront_id","currency","fee_minor") WHERE "guarantees"."cancelled_at" is not null;--> statement-breakpoint
CREATE INDEX "packages_delivery_address_idx" ON "packages" USING btree ("storefront_id","delivery_address_key") WHERE "packages"."delivery_address_key" is not null;--> statement-breakpoint
UPDATE "claims" SET "description_key" = encode(sha256(convert_to(f.fingerprint, 'UTF8')), 'hex')
FROM (
  SELECT "id", lower(btrim(regexp_replace("description", '\s+', ' ', 'g'))) AS fingerprint FROM "claims"
) AS f
WHERE f."id" = "claims"."id" AND length(f.fingerprint) >= 40;
