import { assertSameCurrency } from '../internal/assert-money.js';
import type { Money } from './money.js';

/** -1, 0 or 1 as a is less than, equal to or greater than b. Throws on a currency mismatch. */
export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  assertSameCurrency(a, b, 'compare');
  if (a.minor < b.minor) return -1;
  return a.minor > b.minor ? 1 : 0;
}
