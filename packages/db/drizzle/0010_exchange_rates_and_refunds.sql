-- Currencies other than USD: published exchange rates (never edited), the rate a guarantee was
-- priced at, and the refund a cancellation records.
CREATE TABLE "exchange_rates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"currency" text NOT NULL,
	"per_usd" numeric(17, 10) NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" text NOT NULL,
	CONSTRAINT "exchange_rates_positive" CHECK ("exchange_rates"."per_usd" > 0 and "exchange_rates"."currency" <> 'USD')
);
--> statement-breakpoint
DROP INDEX "guarantees_cancelled_report_idx";--> statement-breakpoint
ALTER TABLE "guarantees" ADD COLUMN "fx_per_usd" numeric(17, 10);--> statement-breakpoint
ALTER TABLE "guarantees" ADD COLUMN "fx_as_of" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "guarantees" ADD COLUMN "fx_source" text;--> statement-breakpoint
ALTER TABLE "guarantees" ADD COLUMN "refund_minor" bigint;--> statement-breakpoint
-- Guarantees cancelled before refunds were recorded were refunded their whole fee (R2).
UPDATE "guarantees" SET "refund_minor" = "fee_minor" WHERE "status" = 'CANCELLED';--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_rates_currency_source_as_of_unique" ON "exchange_rates" USING btree ("currency","source","as_of");--> statement-breakpoint
CREATE INDEX "exchange_rates_newest_idx" ON "exchange_rates" USING btree ("currency","as_of" DESC NULLS LAST,"published_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "guarantees_cancelled_report_idx" ON "guarantees" USING btree ("storefront_id","cancelled_at","currency","refund_minor") WHERE "guarantees"."cancelled_at" is not null;--> statement-breakpoint
ALTER TABLE "guarantees" ADD CONSTRAINT "guarantees_refund_when_cancelled" CHECK (("guarantees"."status" = 'CANCELLED') = ("guarantees"."refund_minor" is not null) and coalesce("guarantees"."refund_minor", 0) >= 0);--> statement-breakpoint
ALTER TABLE "guarantees" ADD CONSTRAINT "guarantees_exchange_rate_whole" CHECK (("guarantees"."fx_per_usd" is null) = ("guarantees"."fx_as_of" is null) and ("guarantees"."fx_as_of" is null) = ("guarantees"."fx_source" is null) and coalesce("guarantees"."fx_per_usd", 1) > 0 and ("guarantees"."fx_per_usd" is null or "guarantees"."currency" <> 'USD'));--> statement-breakpoint
CREATE TRIGGER exchange_rates_append_only BEFORE UPDATE OR DELETE ON exchange_rates
  FOR EACH ROW EXECUTE FUNCTION lg_refuse_change();
