import { describe, expect, it } from 'vitest';
import { isRateFresh } from './is-rate-fresh.js';

const rate = (asOf: string) => ({
  currency: 'EUR',
  perUsd: '0.92',
  asOf: new Date(asOf),
  source: 'ECB',
});
const now = new Date('2026-12-02T12:00:00Z');

describe('isRateFresh', () => {
  it('uses a rate up to the maximum age, exactly that age included', () => {
    expect(isRateFresh(rate('2026-11-29T12:00:00Z'), now, 72)).toBe(true);
    expect(isRateFresh(rate('2026-12-02T12:00:00Z'), now, 72)).toBe(true);
  });

  it('refuses a rate one millisecond older than the maximum age', () => {
    expect(isRateFresh(rate('2026-11-29T11:59:59.999Z'), now, 72)).toBe(false);
  });

  it("allows five minutes of clock skew ahead of the server's clock, and no more", () => {
    expect(isRateFresh(rate('2026-12-02T12:05:00Z'), now, 72)).toBe(true);
    expect(isRateFresh(rate('2026-12-02T12:05:00.001Z'), now, 72)).toBe(false);
  });
});
