CREATE TABLE "carrier_feeds" (
	"storefront_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"secret" text NOT NULL,
	"previous_secret" text,
	"previous_secret_expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rotated_at" timestamp with time zone,
	CONSTRAINT "carrier_feeds_storefront_id_provider_pk" PRIMARY KEY("storefront_id","provider"),
	CONSTRAINT "carrier_feeds_provider_known" CHECK ("carrier_feeds"."provider" in ('EASYPOST', 'AFTERSHIP')),
	CONSTRAINT "carrier_feeds_previous_secret_expires" CHECK (("carrier_feeds"."previous_secret" is null) = ("carrier_feeds"."previous_secret_expires_at" is null))
);
--> statement-breakpoint
ALTER TABLE "carrier_feeds" ADD CONSTRAINT "carrier_feeds_storefront_id_storefronts_id_fk" FOREIGN KEY ("storefront_id") REFERENCES "public"."storefronts"("id") ON DELETE no action ON UPDATE no action;