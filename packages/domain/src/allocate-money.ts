import { assertMoney } from './internal/assert-money.js';
import { type Money, money } from './money.js';

/**
 * Splits an amount by integer ratios so that the parts add up to exactly the amount
 * (largest-remainder method, as dinero.js does): each part gets its floor share, then the
 * leftover minor units go one each to the parts with the largest remainders, earlier parts
 * first on ties. `allocateMoney($100.00, [1, 1, 1])` is $33.34, $33.33, $33.33.
 * Throws on no ratios, negative or non-integer ratios, or ratios that are all zero.
 */
export function allocateMoney(m: Money, ratios: readonly number[]): Money[] {
  assertMoney(m);
  if (ratios.length === 0) throw new RangeError('allocateMoney needs at least one ratio');
  for (const ratio of ratios) {
    if (!Number.isSafeInteger(ratio) || ratio < 0) {
      throw new RangeError(`Ratios must be non-negative safe integers, got ${String(ratio)}`);
    }
  }
  const total = ratios.reduce((sum, ratio) => sum + BigInt(ratio), 0n);
  if (total === 0n) throw new RangeError('allocateMoney needs at least one non-zero ratio');

  // Allocate the magnitude and restore the sign, so negative amounts split symmetrically.
  const negative = m.minor < 0;
  const amount = BigInt(Math.abs(m.minor));
  const shares = ratios.map((ratio) => (amount * BigInt(ratio)) / total);
  const remainders = ratios.map((ratio) => (amount * BigInt(ratio)) % total);
  let leftover = amount - shares.reduce((sum, share) => sum + share, 0n);

  const byRemainder = ratios
    .map((_, index) => index)
    .sort((a, b) => {
      const ra = remainders[a] as bigint;
      const rb = remainders[b] as bigint;
      if (ra === rb) return a - b;
      return ra > rb ? -1 : 1;
    });
  for (const index of byRemainder) {
    if (leftover === 0n) break;
    shares[index] = (shares[index] as bigint) + 1n;
    leftover -= 1n;
  }
  return shares.map((share) => money(Number(negative ? -share : share), m.currency));
}
