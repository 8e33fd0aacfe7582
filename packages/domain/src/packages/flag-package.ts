import { assertValidDate } from '../internal/time.js';
import type { PolicyVersion } from '../policy/policy.js';
import { addressesMatch, type PostalAddress } from './addresses-match.js';
import { isWeightShortfall } from './is-weight-shortfall.js';
import type { PackageFlag } from './package-vocabulary.js';

/** What the system knows about a package that may raise a flag. */
interface FlagPackageInput {
  deliveryAddress?: PostalAddress | null;
  memberCenterAddress?: PostalAddress | null;
  deliveredAt?: Date | null;
  signedBy?: string | null;
  estimatedWeightGrams?: number | null;
  actualWeightGrams?: number | null;
  shippedAt?: Date | null;
  guaranteePurchasedAt: Date;
}

/**
 * R12: the flags the data supports, in PACKAGE_FLAGS order. Each needs its data: no flag
 * is raised on a guess.
 * - NO_SIGNATURE: delivered and `signedBy` is missing or blank (not before delivery).
 * - ADDRESS_MISMATCH: both addresses known and not `addressesMatch`.
 * - WEIGHT_SHORTFALL: `isWeightShortfall` (R7).
 * - SHIPPED_BEFORE_PURCHASE: shipped strictly before the guarantee was bought (R2).
 */
export function flagPackage(input: FlagPackageInput, policy: PolicyVersion): PackageFlag[] {
  assertValidDate(input.guaranteePurchasedAt, 'guaranteePurchasedAt');
  const flags: PackageFlag[] = [];
  if (input.deliveredAt) {
    assertValidDate(input.deliveredAt, 'deliveredAt');
    if ((input.signedBy ?? '').trim() === '') flags.push('NO_SIGNATURE');
  }
  if (
    input.deliveryAddress &&
    input.memberCenterAddress &&
    !addressesMatch(input.deliveryAddress, input.memberCenterAddress)
  ) {
    flags.push('ADDRESS_MISMATCH');
  }
  if (isWeightShortfall(input.estimatedWeightGrams, input.actualWeightGrams, policy)) {
    flags.push('WEIGHT_SHORTFALL');
  }
  if (input.shippedAt) {
    assertValidDate(input.shippedAt, 'shippedAt');
    if (input.shippedAt.getTime() < input.guaranteePurchasedAt.getTime()) {
      flags.push('SHIPPED_BEFORE_PURCHASE');
    }
  }
  return flags;
}
