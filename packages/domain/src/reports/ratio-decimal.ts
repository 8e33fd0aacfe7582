import { divideHalfUp } from '../internal/divide-half-up.js';

/** Places of the report's ratios: a loss ratio of 0.4568 is 45.68%. */
const PLACES = 4;

/**
 * `numerator / denominator` as a Decimal string with four places, rounded half-up once from
 * the exact integers (no float on the way): 1/3 is "0.3333", 2/3 "0.6667", 0/5 "0.0000".
 * Null when the denominator is not positive: a ratio of nothing is unknown, not zero.
 */
export function ratioDecimal(numerator: number, denominator: number): string | null {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator)) {
    throw new RangeError('ratioDecimal takes safe integers');
  }
  if (denominator <= 0) return null;
  const scaled = divideHalfUp(BigInt(numerator) * 10n ** BigInt(PLACES), BigInt(denominator));
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(PLACES + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -PLACES)}.${digits.slice(-PLACES)}`;
}
