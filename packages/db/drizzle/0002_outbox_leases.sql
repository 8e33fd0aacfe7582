ALTER TABLE "deliveries" ADD COLUMN "locked_by" text;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "redelivery_of" uuid;--> statement-breakpoint
ALTER TABLE "delivery_attempts" ADD COLUMN "url" text;