import { describe, expect, it } from 'vitest';
import { maxMoney } from './max-money.js';
import { money } from './money.js';

describe('maxMoney', () => {
  it('picks the largest amount', () => {
    expect(maxMoney(money(5, 'USD'), money(9, 'USD'), money(3, 'USD'))).toEqual(money(9, 'USD'));
    expect(maxMoney(money(5, 'USD'))).toEqual(money(5, 'USD'));
  });

  it('throws on a currency mismatch', () => {
    expect(() => maxMoney(money(5, 'USD'), money(1, 'EUR'))).toThrow(TypeError);
  });
});
