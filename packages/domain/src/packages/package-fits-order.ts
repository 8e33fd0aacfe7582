import type { Money } from '../money/money.js';
import { ok, type Result, refuse } from '../results/result.js';

/**
 * R5/R6: an order's packages share its guaranteed product value, they don't multiply it. A new
 * package fits while the sale prices of the order's packages, its own included, add up to at
 * most that value; otherwise split shipments would be covered for more than was bought.
 */
export function packageFitsOrder(
  orderValue: Money,
  alreadyRegistered: Money,
  salePrice: Money,
): Result<true> {
  if (
    orderValue.currency !== salePrice.currency ||
    alreadyRegistered.currency !== salePrice.currency
  ) {
    return refuse('INVALID_INPUT', `Amounts must be in ${orderValue.currency}.`, ['salePrice']);
  }
  if (alreadyRegistered.minor + salePrice.minor > orderValue.minor) {
    return refuse(
      'PACKAGE_VALUE_EXCEEDS_ORDER',
      "The order's packages would be sold for more than its guaranteed product value.",
      ['salePrice'],
    );
  }
  return ok(true);
}
