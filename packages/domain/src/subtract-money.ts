import { assertSameCurrency } from './internal/assert-money.js';
import { type Money, money } from './money.js';

/** a - b (may be negative). Throws on a currency mismatch. */
export function subtractMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b, 'subtract');
  return money(a.minor - b.minor, a.currency);
}
