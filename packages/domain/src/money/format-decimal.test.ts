import { describe, expect, it } from 'vitest';
import { formatDecimal } from './format-decimal.js';
import { money } from './money.js';

describe('formatDecimal', () => {
  it.each([
    [4568, 'USD', '45.68'],
    [0, 'USD', '0.00'],
    [5, 'USD', '0.05'],
    [-5, 'USD', '-0.05'],
    [-4568, 'USD', '-45.68'],
    [100_000_000_000, 'USD', '1000000000.00'],
    [100, 'JPY', '100'],
    [-100, 'JPY', '-100'],
    [1234, 'KWD', '1.234'],
    [7, 'KWD', '0.007'],
    [12345, 'CLF', '1.2345'],
  ])('formats %i %s as %s', (minor, currency, expected) => {
    expect(formatDecimal(money(minor, currency))).toBe(expected);
  });

  it('throws on malformed money', () => {
    expect(() => formatDecimal({ minor: 1.5, currency: 'USD' })).toThrow(TypeError);
  });
});
