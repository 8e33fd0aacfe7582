import { type StorefrontRow, storefronts } from '@lg/db';
import type { Queryable } from '@lg/db/client';
import { eq } from 'drizzle-orm';

export async function findStorefront(db: Queryable, id: string): Promise<StorefrontRow | null> {
  const [row] = await db.select().from(storefronts).where(eq(storefronts.id, id));
  return row ?? null;
}
