// A package's derived state: its tracking from all its carrier events and its flags (R12),
// recomputed together whenever anything they depend on changes.
import type { GuaranteeRow, PackageRow } from '@lg/db';
import { guarantees, packageEvents, packages } from '@lg/db';
import type { Queryable } from '@lg/db/client';
import { flagPackage, type PackageFlag, type PolicyVersion, trackPackage } from '@lg/domain';
import { asc, eq } from 'drizzle-orm';
import type { App } from '../../app.js';

/** Heaviest parcel weight accepted, in grams (10 t): anything above is a typo. */
export const MAX_WEIGHT_GRAMS = 10_000_000;

export function computeFlags(
  row: PackageRow,
  guarantee: GuaranteeRow,
  policy: PolicyVersion,
): PackageFlag[] {
  return flagPackage(
    {
      deliveryAddress: row.deliveryAddress,
      memberCenterAddress: row.memberCenterAddress,
      deliveredAt: row.deliveredAt,
      signedBy: row.signedBy,
      estimatedWeightGrams: row.estimatedWeightGrams,
      actualWeightGrams: row.actualWeightGrams,
      shippedAt: row.shippedAt,
      guaranteePurchasedAt: guarantee.purchasedAt,
    },
    policy,
  );
}

/** Re-derives the package's status and flags from all its events, inside `tx`. */
export async function refreshTracking(
  tx: Queryable,
  app: App,
  row: PackageRow,
): Promise<PackageRow> {
  const events = await tx
    .select()
    .from(packageEvents)
    .where(eq(packageEvents.packageId, row.id))
    .orderBy(asc(packageEvents.occurredAt));
  const tracking = trackPackage(events);
  const [guarantee] = await tx.select().from(guarantees).where(eq(guarantees.id, row.guaranteeId));
  if (!guarantee) throw new Error('package without guarantee');
  const next: PackageRow = {
    ...row,
    status: tracking.status,
    shippedAt: tracking.shippedAt,
    arrivedAt: tracking.arrivedAt,
    deliveredAt: tracking.deliveredAt,
    lostAt: tracking.lostAt,
    signedBy: tracking.signedBy,
    actualWeightGrams: tracking.actualWeightGrams,
  };
  next.flags = computeFlags(next, guarantee, await app.policies.forGuarantee(guarantee, tx));
  const [updated] = await tx
    .update(packages)
    .set({
      status: next.status,
      shippedAt: next.shippedAt,
      arrivedAt: next.arrivedAt,
      deliveredAt: next.deliveredAt,
      lostAt: next.lostAt,
      signedBy: next.signedBy,
      actualWeightGrams: next.actualWeightGrams,
      flags: next.flags,
    })
    .where(eq(packages.id, row.id))
    .returning();
  return updated ?? next;
}

/** The package's state as the domain's eligibility rules read it. */
export function trackingOf(row: PackageRow) {
  return {
    status: row.status,
    shippedAt: row.shippedAt,
    arrivedAt: row.arrivedAt,
    deliveredAt: row.deliveredAt,
    lostAt: row.lostAt,
    signedBy: row.signedBy,
    actualWeightGrams: row.actualWeightGrams,
  };
}
