import type { PolicyVersion } from '../policy/policy.js';

function assertGrams(value: number, name: string): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative number of grams, got ${String(value)}`);
  }
}

/**
 * R7: whether the actual weight falls short of the estimate by strictly more than the
 * policy's share of the estimate (10%) AND strictly more than its minimum grams (50 g), so
 * neither a small parcel's scale noise nor a big parcel's rounding raises a flag. False when
 * either weight is unknown: no data, no evidence.
 */
export function isWeightShortfall(
  estimatedGrams: number | null | undefined,
  actualGrams: number | null | undefined,
  policy: PolicyVersion,
): boolean {
  if (estimatedGrams === null || estimatedGrams === undefined) return false;
  if (actualGrams === null || actualGrams === undefined) return false;
  assertGrams(estimatedGrams, 'estimatedGrams');
  assertGrams(actualGrams, 'actualGrams');
  const shortfall = estimatedGrams - actualGrams;
  // Cross-multiplied so the 10% edge is compared exactly, without a float division.
  return (
    shortfall * 10_000 > estimatedGrams * policy.weightShortfallRatioBps &&
    shortfall > policy.weightShortfallMinGrams
  );
}
