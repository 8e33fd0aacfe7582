import type { Money } from '../money/money.js';
import type { PackageMoney } from '../packages/package-money.js';
import type { PolicyVersion } from '../policy/policy.js';
import { assertMoney } from './assert-money.js';

/** Throws unless every amount is well-formed and in the policy's currency. */
export function assertPackageMoney(
  pkg: PackageMoney,
  policy: PolicyVersion,
  alreadyPaid?: Money,
): void {
  const amounts: [string, Money][] = [
    ['declaredValue', pkg.declaredValue],
    ['salePrice', pkg.salePrice],
    ['shippingFee', pkg.shippingFee],
  ];
  if (alreadyPaid !== undefined) amounts.push(['alreadyPaid', alreadyPaid]);
  for (const [name, amount] of amounts) {
    assertMoney(amount, name);
    if (amount.currency !== policy.currency) {
      throw new TypeError(
        `${name} is in ${amount.currency} but policy ${policy.version} is in ${policy.currency}`,
      );
    }
  }
}
