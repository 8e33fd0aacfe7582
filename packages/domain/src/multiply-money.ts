import { assertMoney } from './internal/assert-money.js';
import { type Money, money } from './money.js';

/**
 * m x quantity for an integer quantity (a cart line). Fractional factors belong to
 * `percentOfMoney`, which rounds; this never needs to. Throws if the product is not a safe
 * integer, since that would silently lose cents.
 */
export function multiplyMoney(m: Money, quantity: number): Money {
  assertMoney(m);
  if (!Number.isSafeInteger(quantity)) {
    throw new RangeError(`Quantity must be a safe integer, got ${String(quantity)}`);
  }
  return money(m.minor * quantity, m.currency);
}
