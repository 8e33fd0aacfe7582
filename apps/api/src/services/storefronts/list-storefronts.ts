import { type StorefrontRow, storefronts } from '@lg/db';
import type { Queryable } from '@lg/db/client';
import { asc } from 'drizzle-orm';

/** The most storefronts one listing returns: a filter's choices, not a directory. */
export const MAX_LISTED_STOREFRONTS = 1_000;

/** Every storefront by name (then id, so equal names keep one order), up to the maximum. */
export function listStorefronts(db: Queryable): Promise<StorefrontRow[]> {
  return db
    .select()
    .from(storefronts)
    .orderBy(asc(storefronts.name), asc(storefronts.id))
    .limit(MAX_LISTED_STOREFRONTS);
}
