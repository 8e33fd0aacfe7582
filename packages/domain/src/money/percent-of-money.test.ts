import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { money } from './money.js';
import { percentOfMoney } from './percent-of-money.js';

describe('percentOfMoney', () => {
  it('R1 takes 10% of $456.78 as $45.68 (45.678 rounds up)', () => {
    expect(percentOfMoney(money(45678, 'USD'), 1000)).toEqual(money(4568, 'USD'));
  });

  it('rounds an exact half cent up: 10% of $300.05 is $30.01 (30.005)', () => {
    expect(percentOfMoney(money(30005, 'USD'), 1000)).toEqual(money(3001, 'USD'));
  });

  it('rounds just below a half cent down: 10% of $300.04 is $30.00 (30.004)', () => {
    expect(percentOfMoney(money(30004, 'USD'), 1000)).toEqual(money(3000, 'USD'));
  });

  it('R8 takes 30% of a $0.05 shipping fee as $0.02 (1.5 cents rounds up)', () => {
    expect(percentOfMoney(money(5, 'USD'), 3000)).toEqual(money(2, 'USD'));
  });

  it('rounds negative halves away from zero, symmetric with positives', () => {
    expect(percentOfMoney(money(-5, 'USD'), 1000)).toEqual(money(-1, 'USD'));
    expect(percentOfMoney(money(-4, 'USD'), 1000)).toEqual(money(0, 'USD'));
  });

  it('keeps 100% and 0% exact', () => {
    expect(percentOfMoney(money(12345, 'USD'), 10000)).toEqual(money(12345, 'USD'));
    expect(percentOfMoney(money(12345, 'USD'), 0)).toEqual(money(0, 'USD'));
  });

  it('stays exact on amounts where floats would drift', () => {
    expect(percentOfMoney(money(100_000_000_000, 'USD'), 1)).toEqual(money(10_000_000, 'USD'));
    expect(percentOfMoney(money(Number.MAX_SAFE_INTEGER, 'USD'), 5000)).toEqual(
      money(4503599627370496, 'USD'),
    );
  });

  it('throws on fractional basis points', () => {
    expect(() => percentOfMoney(money(100, 'USD'), 0.5)).toThrow(RangeError);
  });

  it('is always within half a minor unit of the exact value, halves going away from zero', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -100_000_000_000, max: 100_000_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (minor, bps) => {
          const result = percentOfMoney(money(minor, 'USD'), bps).minor;
          const exact = BigInt(minor) * BigInt(bps);
          const error = BigInt(result) * 10_000n - exact;
          expect(error <= 5000n && error >= -5000n).toBe(true);
          if (error === 5000n) expect(minor > 0).toBe(true);
          if (error === -5000n) expect(minor < 0).toBe(true);
        },
      ),
    );
  });
});
