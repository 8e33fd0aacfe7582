import { assertPackageMoney } from '../internal/assert-package-money.js';
import { type Money, money } from '../money/money.js';
import type { PolicyVersion } from '../policy/policy.js';
import { lossCompensation } from './loss-compensation.js';
import type { PackageMoney } from './package-money.js';

/**
 * R5 + R9: the most this package can still be paid: the lower of its complete-loss amount
 * and the per-package cap, less what its claims were already paid, never below zero.
 * Reading: a package's payouts across all its claims are limited by what the package is
 * worth (R5/R6) as well as by the $5,000 cap (R9), so a damage payout and a later
 * partial-loss payout can't together exceed the package's value plus shipping.
 */
export function maxCompensation(
  pkg: PackageMoney,
  alreadyPaid: Money,
  policy: PolicyVersion,
): Money {
  assertPackageMoney(pkg, policy, alreadyPaid);
  const ceiling = Math.min(
    lossCompensation(pkg, policy).minor,
    policy.maxCompensationPerPackageMinor,
  );
  return money(Math.max(0, ceiling - alreadyPaid.minor), policy.currency);
}
