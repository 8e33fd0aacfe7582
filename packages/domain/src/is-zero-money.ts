import { assertMoney } from './internal/assert-money.js';
import type { Money } from './money.js';

/** Whether the amount is exactly zero. */
export function isZeroMoney(m: Money): boolean {
  assertMoney(m);
  return m.minor === 0;
}
