import { describe, expect, it } from 'vitest';
import { isZeroMoney } from './is-zero-money.js';
import { money } from './money.js';

describe('isZeroMoney', () => {
  it('is true only for exactly zero', () => {
    expect(isZeroMoney(money(0, 'USD'))).toBe(true);
    expect(isZeroMoney(money(1, 'USD'))).toBe(false);
    expect(isZeroMoney(money(-1, 'USD'))).toBe(false);
  });
});
