import { describe, expect, it } from 'vitest';
import { money } from './money.js';
import { multiplyMoney } from './multiply-money.js';

describe('multiplyMoney', () => {
  it('multiplies by an integer quantity (a cart line)', () => {
    expect(multiplyMoney(money(1999, 'USD'), 3)).toEqual(money(5997, 'USD'));
    expect(multiplyMoney(money(1999, 'USD'), 0)).toEqual(money(0, 'USD'));
  });

  it('throws on a fractional quantity: fractions go through percentOfMoney, which rounds', () => {
    expect(() => multiplyMoney(money(1999, 'USD'), 1.5)).toThrow(RangeError);
  });

  it('throws when the product would not be a safe integer', () => {
    expect(() => multiplyMoney(money(2 ** 40, 'USD'), 2 ** 20)).toThrow(RangeError);
  });
});
