import { type GuaranteeRow, guarantees } from '@lg/db';
import type { Queryable } from '@lg/db/client';
import { and, eq } from 'drizzle-orm';

/** The guarantee a storefront sold with this order, if any (one per order, a unique index). */
export async function findGuaranteeByOrderNumber(
  db: Queryable,
  storefrontId: string,
  orderNumber: string,
): Promise<GuaranteeRow | null> {
  const [row] = await db
    .select()
    .from(guarantees)
    .where(and(eq(guarantees.storefrontId, storefrontId), eq(guarantees.orderNumber, orderNumber)));
  return row ?? null;
}
