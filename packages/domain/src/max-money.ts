import { compareMoney } from './compare-money.js';
import { assertMoney } from './internal/assert-money.js';
import type { Money } from './money.js';

/** The largest of the amounts (the first on ties). Throws on a currency mismatch. */
export function maxMoney(first: Money, ...rest: Money[]): Money {
  assertMoney(first);
  let largest = first;
  for (const candidate of rest) {
    if (compareMoney(candidate, largest) > 0) largest = candidate;
  }
  return largest;
}
