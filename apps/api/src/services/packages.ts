import { randomUUID } from 'node:crypto';
import type { GuaranteeRow, PackageRow } from '@lg/db';
import { guarantees, packageEvents, packages } from '@lg/db';
import type { Queryable } from '@lg/db/client';
import {
  flagPackage,
  type PackageEventType,
  type PackageFlag,
  type PolicyVersion,
  trackPackage,
} from '@lg/domain';
import { and, asc, eq } from 'drizzle-orm';
import type { App } from '../app.js';
import { type AddressInputShape, checkAddress } from './addresses.js';
import type { MoneyInputShape } from './money-input.js';
import { moneyInput } from './money-input.js';
import {
  type Outcome,
  Refused,
  refusalsAsOutcome,
  success,
  type UserErrorShape,
} from './outcome.js';
import { checkIdentifier, checkIntRange, checkText } from './validate.js';

export interface RegisterPackageInput {
  orderNumber: string;
  trackingNumber: string;
  declaredValue: MoneyInputShape;
  salePrice: MoneyInputShape;
  shippingFee: MoneyInputShape;
  estimatedWeightGrams?: number | null | undefined;
  deliveryAddress?: AddressInputShape | null | undefined;
  memberCenterAddress?: AddressInputShape | null | undefined;
}

const MAX_WEIGHT_GRAMS = 10_000_000;

function computeFlags(
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

/** Registers a package of a guaranteed order (needs an ACTIVE guarantee, else NOT_COVERED). */
export async function registerPackage(
  app: App,
  storefrontId: string,
  input: RegisterPackageInput,
  now: Date,
): Promise<Outcome<PackageRow>> {
  const errors: UserErrorShape[] = [];
  for (const error of [
    checkIdentifier(input.orderNumber, ['input', 'orderNumber']),
    checkIdentifier(input.trackingNumber, ['input', 'trackingNumber'], 100),
    checkIntRange(
      input.estimatedWeightGrams,
      ['input', 'estimatedWeightGrams'],
      1,
      MAX_WEIGHT_GRAMS,
    ),
  ]) {
    if (error) errors.push(error);
  }
  const amounts = (['declaredValue', 'salePrice', 'shippingFee'] as const).map((name) =>
    moneyInput(input[name], ['input', name]),
  );
  for (const amount of amounts) if (!amount.ok) errors.push(...amount.errors);
  const delivery = checkAddress(input.deliveryAddress, ['input', 'deliveryAddress']);
  const memberCenter = checkAddress(input.memberCenterAddress, ['input', 'memberCenterAddress']);
  errors.push(...delivery.errors, ...memberCenter.errors);
  if (errors.length > 0) return { ok: false, errors };
  const [declared, sale, shipping] = amounts.map((a) => (a.ok ? a.value : null));
  if (!declared || !sale || !shipping) throw new Error('amounts checked above');

  return refusalsAsOutcome(() =>
    app.db.transaction(async (tx) => {
      const [guarantee] = await tx
        .select()
        .from(guarantees)
        .where(
          and(
            eq(guarantees.storefrontId, storefrontId),
            eq(guarantees.orderNumber, input.orderNumber),
          ),
        )
        .for('update');
      if (guarantee?.status !== 'ACTIVE') {
        throw Refused.of(
          'NOT_COVERED',
          guarantee ? 'the guarantee of this order was cancelled' : 'this order has no guarantee',
          ['input', 'orderNumber'],
        );
      }
      if (declared.currency !== guarantee.currency) {
        throw Refused.of('UNSUPPORTED_CURRENCY', `amounts must be in ${guarantee.currency}`, [
          'input',
          'declaredValue',
          'currencyCode',
        ]);
      }
      const [row] = await tx
        .insert(packages)
        .values({
          id: randomUUID(),
          storefrontId,
          guaranteeId: guarantee.id,
          trackingNumber: input.trackingNumber,
          currency: declared.currency,
          declaredValueMinor: declared.minor,
          salePriceMinor: sale.minor,
          shippingFeeMinor: shipping.minor,
          estimatedWeightGrams: input.estimatedWeightGrams ?? null,
          deliveryAddress: delivery.address,
          memberCenterAddress: memberCenter.address,
          registeredAt: now,
        })
        .onConflictDoNothing({ target: [packages.storefrontId, packages.trackingNumber] })
        .returning();
      if (!row) {
        throw Refused.of(
          'DUPLICATE_TRACKING_NUMBER',
          'a package with this tracking number is already registered',
          ['input', 'trackingNumber'],
        );
      }
      const flags = computeFlags(row, guarantee, app.policies.require(guarantee.policyVersion));
      if (flags.length === 0) return success(row);
      const [flagged] = await tx
        .update(packages)
        .set({ flags })
        .where(eq(packages.id, row.id))
        .returning();
      return success(flagged ?? row);
    }),
  );
}

export interface RecordPackageEventInput {
  trackingNumber: string;
  type: PackageEventType;
  occurredAt: Date;
  signedBy?: string | null | undefined;
  actualWeightGrams?: number | null | undefined;
}

/**
 * Records a carrier event. Events arrive late, twice and out of order: the package's state is
 * recomputed from all its events (domain trackPackage), and an exact repeat is a no-op.
 */
export async function recordPackageEvent(
  app: App,
  storefrontId: string,
  input: RecordPackageEventInput,
  now: Date,
): Promise<Outcome<PackageRow>> {
  const errors = [
    checkIdentifier(input.trackingNumber, ['input', 'trackingNumber'], 100),
    checkText(input.signedBy, ['input', 'signedBy'], { min: 0, max: 200 }),
    checkIntRange(input.actualWeightGrams, ['input', 'actualWeightGrams'], 0, MAX_WEIGHT_GRAMS),
    input.occurredAt.getTime() > now.getTime()
      ? {
          code: 'INVALID_INPUT' as const,
          message: 'occurredAt is in the future',
          field: ['input', 'occurredAt'],
        }
      : null,
    input.type !== 'DELIVERED' &&
    (input.signedBy || (input.actualWeightGrams !== undefined && input.actualWeightGrams !== null))
      ? {
          code: 'INVALID_INPUT' as const,
          message: 'signedBy and actualWeightGrams belong to a DELIVERED event',
          field: ['input', 'type'],
        }
      : null,
  ].filter((error): error is UserErrorShape => error !== null);
  if (errors.length > 0) return { ok: false, errors };

  return refusalsAsOutcome(() =>
    app.db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(packages)
        .where(
          and(
            eq(packages.storefrontId, storefrontId),
            eq(packages.trackingNumber, input.trackingNumber),
          ),
        )
        .for('update');
      if (!row)
        throw Refused.of('NOT_FOUND', 'no package with this tracking number', [
          'input',
          'trackingNumber',
        ]);
      await tx
        .insert(packageEvents)
        .values({
          id: randomUUID(),
          packageId: row.id,
          type: input.type,
          occurredAt: input.occurredAt,
          signedBy: input.signedBy ?? null,
          actualWeightGrams: input.actualWeightGrams ?? null,
          recordedAt: now,
        })
        .onConflictDoNothing();
      return success(await refreshTracking(tx, app, row));
    }),
  );
}

async function refreshTracking(tx: Queryable, app: App, row: PackageRow): Promise<PackageRow> {
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
  next.flags = computeFlags(next, guarantee, app.policies.require(guarantee.policyVersion));
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
