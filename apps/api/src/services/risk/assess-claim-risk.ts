// A claim's risk signals: the data each signal needs, gathered with indexed lookups in the
// caller's transaction, judged by @lg/domain and stored on the claim with the write that
// prompted them (a filing or new documents). They inform the adjuster; nothing reads them to
// decide, refuse or delay anything.
import type { ClaimRow, GuaranteeRow, PackageRow, StoredRiskSignal } from '@lg/db';
import { claims, guarantees, packages } from '@lg/db';
import type { Transaction } from '@lg/db/client';
import {
  addressSharedByMembers,
  claimSoonAfterDelivery,
  descriptionReused,
  highValueFirstOrder,
  memberClaimVelocity,
  money,
  type PolicyVersion,
  RISK_SIGNAL_CODES,
  RISK_THRESHOLDS,
  type RiskSignal,
  weightShortfallSignal,
} from '@lg/domain';
import { and, desc, eq, gte, lte, ne, sql } from 'drizzle-orm';

/** A signal's detail names at most this many other members or claims. */
const NAMED = 10;

async function velocity(tx: Transaction, claim: ClaimRow): Promise<RiskSignal | null> {
  const since = new Date(claim.filedAt.getTime() - RISK_THRESHOLDS.velocityWindowMs);
  const others = await tx
    .select({ reference: claims.reference, filedAt: claims.filedAt })
    .from(claims)
    .where(
      and(
        eq(claims.storefrontId, claim.storefrontId),
        eq(claims.memberId, claim.memberId),
        ne(claims.id, claim.id),
        gte(claims.filedAt, since),
        lte(claims.filedAt, claim.filedAt),
      ),
    );
  return memberClaimVelocity(claim.memberId, claim.filedAt, others);
}

/**
 * How many rows a signal's set holds, given the first NAMED of them (which its detail names):
 * fewer than NAMED are all of them; otherwise `count` reads the total.
 */
async function countedBeyondNamed(
  named: readonly unknown[],
  count: () => Promise<{ count: number }[]>,
): Promise<number> {
  if (named.length < NAMED) return named.length;
  const [counted] = await count();
  return counted?.count ?? 0;
}

async function sharedAddress(
  tx: Transaction,
  claim: ClaimRow,
  pkg: PackageRow,
): Promise<RiskSignal | null> {
  if (pkg.deliveryAddressKey === null) return null;
  // Members are a storefront's own (R4), and a signal's detail must not show one storefront
  // another's members: the address is compared within the claim's storefront.
  const sameAddress = and(
    eq(packages.storefrontId, claim.storefrontId),
    eq(packages.deliveryAddressKey, pkg.deliveryAddressKey),
    ne(guarantees.memberId, claim.memberId),
  );
  const named = await tx
    .selectDistinct({ memberId: guarantees.memberId })
    .from(packages)
    .innerJoin(guarantees, eq(guarantees.id, packages.guaranteeId))
    .where(sameAddress)
    .orderBy(guarantees.memberId)
    .limit(NAMED);
  const count = await countedBeyondNamed(named, () =>
    tx
      .select({ count: sql<number>`count(distinct ${guarantees.memberId})::int` })
      .from(packages)
      .innerJoin(guarantees, eq(guarantees.id, packages.guaranteeId))
      .where(sameAddress),
  );
  return addressSharedByMembers(
    claim.memberId,
    named.map((row) => row.memberId),
    count,
  );
}

async function firstOrder(
  tx: Transaction,
  guarantee: GuaranteeRow,
  policy: PolicyVersion,
): Promise<RiskSignal | null> {
  const [earlier] = await tx
    .select({ one: sql<number>`1` })
    .from(guarantees)
    .where(
      and(
        eq(guarantees.storefrontId, guarantee.storefrontId),
        eq(guarantees.memberId, guarantee.memberId),
        // At or before: of two orders bought in the same instant, neither is "the first".
        lte(guarantees.purchasedAt, guarantee.purchasedAt),
        ne(guarantees.id, guarantee.id),
      ),
    )
    .limit(1);
  return highValueFirstOrder(
    money(guarantee.productValueMinor, guarantee.currency),
    earlier ? 1 : 0,
    policy,
  );
}

async function reusedDescription(tx: Transaction, claim: ClaimRow): Promise<RiskSignal | null> {
  if (claim.descriptionKey === null) return null;
  const same = and(
    eq(claims.storefrontId, claim.storefrontId),
    eq(claims.descriptionKey, claim.descriptionKey),
    ne(claims.id, claim.id),
  );
  const latest = await tx
    .select({ reference: claims.reference })
    .from(claims)
    .where(same)
    .orderBy(desc(claims.filedAt))
    .limit(NAMED);
  const count = await countedBeyondNamed(latest, () =>
    tx.select({ count: sql<number>`count(*)::int` }).from(claims).where(same),
  );
  return descriptionReused(
    latest.map((row) => row.reference),
    count,
  );
}

/**
 * Computes the claim's signals from what the database holds now and stores them on it, in
 * the caller's transaction. Returns the claim as stored.
 */
export async function assessClaimRisk(
  tx: Transaction,
  claim: ClaimRow,
  pkg: PackageRow,
  guarantee: GuaranteeRow,
  policy: PolicyVersion,
): Promise<ClaimRow> {
  // One statement at a time: a transaction is one connection.
  const found = [
    await velocity(tx, claim),
    await sharedAddress(tx, claim, pkg),
    claimSoonAfterDelivery(pkg.deliveredAt, claim.filedAt),
    weightShortfallSignal(pkg.estimatedWeightGrams, pkg.actualWeightGrams, policy),
    await firstOrder(tx, guarantee, policy),
    await reusedDescription(tx, claim),
  ];
  const signals: StoredRiskSignal[] = found
    .filter((signal): signal is RiskSignal => signal !== null)
    .sort((a, b) => RISK_SIGNAL_CODES.indexOf(a.code) - RISK_SIGNAL_CODES.indexOf(b.code))
    .map(({ code, detail }) => ({ code, detail }));
  const [updated] = await tx
    .update(claims)
    .set({ riskSignals: signals })
    .where(eq(claims.id, claim.id))
    .returning();
  if (!updated) throw new Error('claim vanished');
  return updated;
}
