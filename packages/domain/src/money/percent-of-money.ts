import { assertMoney } from '../internal/assert-money.js';
import { divideHalfUp } from '../internal/divide-half-up.js';
import { type Money, money } from './money.js';

/**
 * m x basisPoints / 10,000, rounded half-up (half away from zero) to the minor unit:
 * 10% of $456.78 is $45.68 and 10% of $0.05 is $0.01. Computed exactly in BigInt so no
 * float ever touches the amount.
 */
export function percentOfMoney(m: Money, basisPoints: number): Money {
  assertMoney(m);
  if (!Number.isSafeInteger(basisPoints)) {
    throw new RangeError(`Basis points must be a safe integer, got ${String(basisPoints)}`);
  }
  const scaled = divideHalfUp(BigInt(m.minor) * BigInt(basisPoints), 10_000n);
  return money(Number(scaled), m.currency);
}
