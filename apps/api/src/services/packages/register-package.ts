import { randomUUID } from 'node:crypto';
import type { PackageRow } from '@lg/db';
import { guarantees, packages } from '@lg/db';
import { formatDecimal, money, packageFitsOrder } from '@lg/domain';
import { and, eq, sql } from 'drizzle-orm';
import type { App } from '../../app.js';
import { type MoneyInputShape, moneyInput } from '../money-input.js';
import {
  type Outcome,
  Refused,
  refusalsAsOutcome,
  success,
  type UserErrorShape,
} from '../outcome.js';
import { addressLookupKey } from '../risk/risk-keys.js';
import { checkIdentifier, checkIntRange } from '../validate.js';
import { type AddressInputShape, checkAddress } from './addresses.js';
import { computeFlags, MAX_WEIGHT_GRAMS } from './package-state.js';

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
      const amounts = { declaredValue: declared, salePrice: sale, shippingFee: shipping };
      for (const [name, amount] of Object.entries(amounts)) {
        if (amount.currency !== guarantee.currency) {
          // A package is paid in its guarantee's currency, at the guarantee's rate (R5-R9).
          throw Refused.of(
            'INVALID_INPUT',
            `amounts must be in ${guarantee.currency}, the guarantee's currency`,
            ['input', name, 'currencyCode'],
          );
        }
      }
      // Split shipments share the guaranteed value, they don't multiply it: the guarantee row
      // is locked above, so two packages registered at once are summed one after the other.
      const [registered] = await tx
        .select({ total: sql<string>`coalesce(sum(${packages.salePriceMinor}), 0)` })
        .from(packages)
        .where(eq(packages.guaranteeId, guarantee.id));
      const already = money(Number(registered?.total ?? 0), guarantee.currency);
      const fits = packageFitsOrder(
        money(guarantee.productValueMinor, guarantee.currency),
        already,
        sale,
      );
      if (!fits.ok) {
        throw Refused.of(
          fits.code,
          `${fits.message} (${formatDecimal(money(guarantee.productValueMinor, guarantee.currency))} ${guarantee.currency}, ${formatDecimal(already)} already registered)`,
          ['input', 'salePrice', 'amount'],
        );
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
          deliveryAddressKey: addressLookupKey(delivery.address),
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
      const flags = computeFlags(row, guarantee, await app.policies.forGuarantee(guarantee, tx));
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
