import { assertMoney } from '../internal/assert-money.js';
import { compareMoney } from './compare-money.js';
import type { Money } from './money.js';

/** The smallest of the amounts (the first on ties). Throws on a currency mismatch. */
export function minMoney(first: Money, ...rest: Money[]): Money {
  assertMoney(first);
  let smallest = first;
  for (const candidate of rest) {
    if (compareMoney(candidate, smallest) < 0) smallest = candidate;
  }
  return smallest;
}
