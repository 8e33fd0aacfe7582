/**
 * Integer division rounding half away from zero ("half-up" on the magnitude, so 0.5 cent
 * becomes 1 cent and -0.5 becomes -1). The one rounding rule of the policy; BigInt keeps it
 * exact for every safe-integer input.
 */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('Division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = n / d;
  const rounded = (n % d) * 2n >= d ? quotient + 1n : quotient;
  return negative ? -rounded : rounded;
}
