DROP INDEX "claims_storefront_due_idx";--> statement-breakpoint
DROP INDEX "claims_due_idx";--> statement-breakpoint
CREATE INDEX "claims_storefront_listing_idx" ON "claims" USING btree ("storefront_id",coalesce("due_at", 'infinity'::timestamptz),"id");--> statement-breakpoint
CREATE INDEX "claims_listing_idx" ON "claims" USING btree (coalesce("due_at", 'infinity'::timestamptz),"id");