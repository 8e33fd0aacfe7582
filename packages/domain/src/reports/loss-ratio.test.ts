import { describe, expect, it } from 'vitest';
import { lossRatio } from './loss-ratio.js';

describe('lossRatio', () => {
  it('divides payouts by the fees less refunds', () => {
    // $450.00 paid on $1,000.00 of fees with $100.00 refunded: 450 / 900.
    expect(lossRatio(45_000, 100_000, 10_000)).toBe('0.5000');
  });

  it('is null without fees, or when refunds take all of them', () => {
    expect(lossRatio(0, 0, 0)).toBeNull();
    expect(lossRatio(5_000, 3_000, 3_000)).toBeNull();
  });
});
