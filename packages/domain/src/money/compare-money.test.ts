import { describe, expect, it } from 'vitest';
import { compareMoney } from './compare-money.js';
import { money } from './money.js';

describe('compareMoney', () => {
  it('orders amounts of one currency', () => {
    expect(compareMoney(money(1, 'USD'), money(2, 'USD'))).toBe(-1);
    expect(compareMoney(money(2, 'USD'), money(2, 'USD'))).toBe(0);
    expect(compareMoney(money(3, 'USD'), money(2, 'USD'))).toBe(1);
  });

  it('throws on a currency mismatch rather than compare apples and pears', () => {
    expect(() => compareMoney(money(1, 'USD'), money(1, 'EUR'))).toThrow(TypeError);
  });
});
