-- A quote token buys one guarantee. Before this rule a token could be replayed for other
-- orders: keep those guarantees (they were sold), but give every copy after the first a
-- quote_id of its own (the original id stays in the stored quote) so the index can hold.
UPDATE "guarantees" AS g SET "quote_id" = g."quote_id" || '#' || g."id"
WHERE EXISTS (
  SELECT 1 FROM "guarantees" AS first
  WHERE first."storefront_id" = g."storefront_id" AND first."quote_id" = g."quote_id"
    AND (first."purchased_at", first."id") < (g."purchased_at", g."id")
);--> statement-breakpoint
CREATE UNIQUE INDEX "guarantees_storefront_quote_unique" ON "guarantees" USING btree ("storefront_id","quote_id");
