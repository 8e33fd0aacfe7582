import { describe, expect, it } from 'vitest';
import { POLICY_2026_11 } from '../policy/policy-2026-11.js';
import { isWeightShortfall } from './is-weight-shortfall.js';

const P = POLICY_2026_11;

describe('isWeightShortfall', () => {
  it('R7 flags a shortfall of more than 10% of the estimate and more than 50 g', () => {
    expect(isWeightShortfall(1000, 899, P)).toBe(true);
    expect(isWeightShortfall(400, 340, P)).toBe(true);
  });

  it('R7 does not flag a shortfall of exactly 10% of the estimate', () => {
    expect(isWeightShortfall(1000, 900, P)).toBe(false);
  });

  it('R7 does not flag a shortfall of exactly 50 g, even above 10%', () => {
    expect(isWeightShortfall(400, 350, P)).toBe(false);
    expect(isWeightShortfall(400, 349, P)).toBe(true);
  });

  it('R7 does not flag a small parcel whose shortfall is over 10% but under 50 g', () => {
    expect(isWeightShortfall(200, 160, P)).toBe(false);
  });

  it('R7 does not flag a heavy parcel whose shortfall is over 50 g but within 10%', () => {
    expect(isWeightShortfall(10_000, 9_100, P)).toBe(false);
  });

  it('R7 never flags a package that weighs as much as or more than estimated', () => {
    expect(isWeightShortfall(1000, 1000, P)).toBe(false);
    expect(isWeightShortfall(1000, 5000, P)).toBe(false);
  });

  it('R7 does not flag without both weights', () => {
    expect(isWeightShortfall(null, 100, P)).toBe(false);
    expect(isWeightShortfall(1000, undefined, P)).toBe(false);
    expect(isWeightShortfall(undefined, null, P)).toBe(false);
  });

  it('throws on negative or non-finite weights', () => {
    expect(() => isWeightShortfall(-1, 0, P)).toThrow(RangeError);
    expect(() => isWeightShortfall(1000, Number.NaN, P)).toThrow(RangeError);
  });
});
