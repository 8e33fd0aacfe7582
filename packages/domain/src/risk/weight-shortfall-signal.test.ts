import { describe, expect, it } from 'vitest';
import { POLICY_2026_11 } from '../policy/policy-2026-11.js';
import { weightShortfallSignal } from './weight-shortfall-signal.js';

describe('weightShortfallSignal', () => {
  it('R7/R12 fires past 10% and 50 g, with the weights', () => {
    expect(weightShortfallSignal(1000, 899, POLICY_2026_11)).toEqual({
      code: 'WEIGHT_SHORTFALL',
      detail:
        'weighed 899 g against 1000 g estimated: 101 g (10.1%) short; R7 flags more than 10% and more than 50 g',
    });
  });

  it('R7 does not fire at exactly 10% short', () => {
    expect(weightShortfallSignal(1000, 900, POLICY_2026_11)).toBeNull();
  });

  it('R7 does not fire at exactly 50 g short, even above 10%', () => {
    expect(weightShortfallSignal(400, 350, POLICY_2026_11)).toBeNull();
  });

  it('does not fire without both weights', () => {
    expect(weightShortfallSignal(null, 10, POLICY_2026_11)).toBeNull();
    expect(weightShortfallSignal(1000, null, POLICY_2026_11)).toBeNull();
  });
});
