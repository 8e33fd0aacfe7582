import { describe, expect, it } from 'vitest';
import { ratioDecimal } from './ratio-decimal.js';

describe('ratioDecimal', () => {
  it('rounds half-up once, at four places', () => {
    expect(ratioDecimal(1, 3)).toBe('0.3333');
    expect(ratioDecimal(2, 3)).toBe('0.6667');
    expect(ratioDecimal(1, 20_000)).toBe('0.0001'); // 0.00005 rounds up
    expect(ratioDecimal(1, 20_001)).toBe('0.0000');
  });

  it('reads ratios above one and exact ones', () => {
    expect(ratioDecimal(15_000, 10_000)).toBe('1.5000');
    expect(ratioDecimal(0, 7)).toBe('0.0000');
  });

  it('is null without a positive denominator', () => {
    expect(ratioDecimal(5, 0)).toBeNull();
    expect(ratioDecimal(5, -3)).toBeNull();
  });
});
