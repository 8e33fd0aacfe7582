import { describe, expect, it } from 'vitest';
import { minMoney } from './min-money.js';
import { money } from './money.js';

describe('minMoney', () => {
  it('picks the smallest amount', () => {
    expect(minMoney(money(5, 'USD'), money(-2, 'USD'), money(3, 'USD'))).toEqual(money(-2, 'USD'));
    expect(minMoney(money(5, 'USD'))).toEqual(money(5, 'USD'));
  });

  it('throws on a currency mismatch', () => {
    expect(() => minMoney(money(5, 'USD'), money(1, 'EUR'))).toThrow(TypeError);
  });
});
