import { describe, expect, it } from 'vitest';
import { money } from '../money/money.js';
import { convertFromUsd } from './convert-from-usd.js';
import { ratesPerUsd } from './rates-per-usd.js';

describe('ratesPerUsd', () => {
  it("turns the ECB's per-EUR table into rates per USD, the euro included", () => {
    const result = ratesPerUsd('EUR', { USD: '1.0500', JPY: '157.50', GBP: '0.8400' });
    expect(result).toEqual({
      ok: true,
      value: { EUR: '0.9523809524', JPY: '150', GBP: '0.8' },
    });
  });

  it('rounds each cross rate half-up at the tenth decimal', () => {
    // 1 / 3 = 0.33333333333...; 2 / 3 = 0.66666666666... rounds up.
    expect(ratesPerUsd('EUR', { USD: '3', CHF: '2' })).toEqual({
      ok: true,
      value: { EUR: '0.3333333333', CHF: '0.6666666667' },
    });
  });

  it('gives rates that convert $30.00 as the per-EUR table would', () => {
    const result = ratesPerUsd('EUR', { USD: '1.0500', JPY: '157.50' });
    if (!result.ok) throw new Error(result.message);
    expect(convertFromUsd(money(3000, 'USD'), result.value.JPY!, 'JPY')).toEqual(
      money(4500, 'JPY'),
    );
  });

  it('refuses a table without USD, an unknown code, and a malformed rate', () => {
    expect(ratesPerUsd('EUR', { JPY: '157.5' })).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
    expect(ratesPerUsd('EUR', { USD: '1.05', XXX: '2' })).toMatchObject({ ok: false });
    expect(ratesPerUsd('EUR', { USD: '1.05', JPY: 'abc' })).toMatchObject({ ok: false });
    expect(ratesPerUsd('EUR', { USD: '0' })).toMatchObject({ ok: false });
  });
});
