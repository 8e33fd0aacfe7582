import { assertSameCurrency } from '../internal/assert-money.js';
import { type Money, money } from './money.js';

/** a + b. Throws on a currency mismatch or a sum beyond a safe integer. */
export function addMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b, 'add');
  return money(a.minor + b.minor, a.currency);
}
