// A storefront's keys as a list shows them: hints, never the keys.
import { type ApiKeyRow, apiKeys } from '@lg/db';
import type { Queryable } from '@lg/db/client';
import { asc, eq } from 'drizzle-orm';

export function listApiKeys(db: Queryable, storefrontId: string): Promise<ApiKeyRow[]> {
  return db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.storefrontId, storefrontId))
    .orderBy(asc(apiKeys.createdAt), asc(apiKeys.id));
}
