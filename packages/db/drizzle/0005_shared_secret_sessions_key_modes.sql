CREATE TABLE "instance_secrets" (
	"name" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- A storefront has one mode, its keys': live where a live key exists (`pnpm lg storefront
-- create --live`), test otherwise. Each existing storefront is the first of its own account.
ALTER TABLE "storefronts" ADD COLUMN "account_id" uuid;--> statement-breakpoint
ALTER TABLE "storefronts" ADD COLUMN "mode" text;--> statement-breakpoint
UPDATE "storefronts" SET "account_id" = "id", "mode" = CASE WHEN EXISTS (
	SELECT 1 FROM "api_keys" WHERE "api_keys"."storefront_id" = "storefronts"."id" AND "api_keys"."mode" = 'live'
) THEN 'live' ELSE 'test' END;--> statement-breakpoint
ALTER TABLE "storefronts" ALTER COLUMN "account_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "storefronts" ALTER COLUMN "mode" SET NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "storefronts_account_mode_unique" ON "storefronts" USING btree ("account_id","mode");--> statement-breakpoint
CREATE UNIQUE INDEX "storefronts_id_mode_unique" ON "storefronts" USING btree ("id","mode");--> statement-breakpoint
ALTER TABLE "api_keys" DROP CONSTRAINT "api_keys_storefront_id_storefronts_id_fk";
--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "rolled_from" uuid;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_storefront_mode_fk" FOREIGN KEY ("storefront_id","mode") REFERENCES "public"."storefronts"("id","mode") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_rolled_from_fk" FOREIGN KEY ("rolled_from") REFERENCES "public"."api_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_keys_storefront_idx" ON "api_keys" USING btree ("storefront_id");--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_rolled_from_unique" ON "api_keys" USING btree ("rolled_from");--> statement-breakpoint
CREATE TABLE "member_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"storefront_id" uuid NOT NULL,
	"member_id" text NOT NULL,
	"api_key_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "member_sessions" ADD CONSTRAINT "member_sessions_storefront_id_storefronts_id_fk" FOREIGN KEY ("storefront_id") REFERENCES "public"."storefronts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_sessions" ADD CONSTRAINT "member_sessions_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "member_sessions_expires_idx" ON "member_sessions" USING btree ("expires_at");
