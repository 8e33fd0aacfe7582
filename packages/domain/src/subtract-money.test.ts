import { describe, expect, it } from 'vitest';
import { money } from './money.js';
import { subtractMoney } from './subtract-money.js';

describe('subtractMoney', () => {
  it('subtracts and may go below zero', () => {
    expect(subtractMoney(money(10, 'USD'), money(30, 'USD'))).toEqual(money(-20, 'USD'));
  });

  it('throws on a currency mismatch', () => {
    expect(() => subtractMoney(money(1, 'USD'), money(1, 'JPY'))).toThrow(TypeError);
  });
});
