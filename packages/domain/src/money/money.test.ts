import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT_MAJOR_UNITS, MAX_AMOUNT_MINOR_UNITS, money } from './money.js';

describe('money', () => {
  it('holds integer minor units and a currency', () => {
    expect(money(4568, 'USD')).toEqual({ minor: 4568, currency: 'USD' });
  });

  it('is frozen so an amount can never be changed in place', () => {
    expect(Object.isFrozen(money(1, 'USD'))).toBe(true);
  });

  it('stores negative zero as zero so equal amounts compare equal', () => {
    expect(Object.is(money(-0, 'USD').minor, 0)).toBe(true);
  });

  it('throws on fractional, non-finite and unsafe minor units (a float is a bug)', () => {
    for (const minor of [0.5, 45.68, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(() => money(minor, 'USD')).toThrow(RangeError);
    }
  });

  it('throws on a currency that is not ISO 4217', () => {
    expect(() => money(1, 'usd')).toThrow(TypeError);
    expect(() => money(1, 'ABC')).toThrow(TypeError);
  });
});

describe('MAX_AMOUNT_MINOR_UNITS', () => {
  it('is 1,000,000,000.00 in a two-decimal currency (the API limit)', () => {
    expect(MAX_AMOUNT_MAJOR_UNITS).toBe(1_000_000_000);
    expect(MAX_AMOUNT_MINOR_UNITS).toBe(100_000_000_000);
  });
});
