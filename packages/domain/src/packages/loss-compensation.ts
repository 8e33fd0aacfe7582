import { assertPackageMoney } from '../internal/assert-package-money.js';
import { addMoney } from '../money/add-money.js';
import { minMoney } from '../money/min-money.js';
import type { Money } from '../money/money.js';
import { percentOfMoney } from '../money/percent-of-money.js';
import type { PolicyVersion } from '../policy/policy.js';
import type { PackageMoney } from './package-money.js';

/**
 * R5 + R6: what a complete loss is worth, before the R9 cap: the lower of the declared value
 * and the sale price, plus the policy's share (100%) of the shipping fee. Also the ceiling of
 * partial-loss and damage payouts. Throws on amounts not in the policy's currency.
 */
export function lossCompensation(pkg: PackageMoney, policy: PolicyVersion): Money {
  assertPackageMoney(pkg, policy);
  return addMoney(
    minMoney(pkg.declaredValue, pkg.salePrice),
    percentOfMoney(pkg.shippingFee, policy.lossShippingShareBps),
  );
}
