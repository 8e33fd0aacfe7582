ALTER TABLE "storefronts" ADD COLUMN "previous_webhook_secret" text;--> statement-breakpoint
ALTER TABLE "storefronts" ADD COLUMN "previous_webhook_secret_expires_at" timestamp with time zone;--> statement-breakpoint
-- Storefronts created with an empty webhook URL meant "no webhook": say so before the check.
UPDATE "storefronts" SET "webhook_url" = NULL WHERE "webhook_url" = '';--> statement-breakpoint
ALTER TABLE "storefronts" ADD CONSTRAINT "storefronts_webhook_url_not_empty" CHECK ("storefronts"."webhook_url" <> '');--> statement-breakpoint
ALTER TABLE "storefronts" ADD CONSTRAINT "storefronts_previous_secret_expires" CHECK (("storefronts"."previous_webhook_secret" is null) = ("storefronts"."previous_webhook_secret_expires_at" is null));