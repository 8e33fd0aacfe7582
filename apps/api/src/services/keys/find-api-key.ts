// One key by id, if the caller's storefront owns it.
import { type ApiKeyRow, apiKeys } from '@lg/db';
import type { Queryable } from '@lg/db/client';
import { eq } from 'drizzle-orm';

/** One key, if `storefrontId` (null: any, for operators) owns it. */
export async function findApiKey(
  db: Queryable,
  id: string,
  storefrontId: string | null,
): Promise<ApiKeyRow | null> {
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, id));
  if (!row || row.storefrontId === null) return null;
  return storefrontId === null || row.storefrontId === storefrontId ? row : null;
}
