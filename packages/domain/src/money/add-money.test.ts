import { describe, expect, it } from 'vitest';
import { addMoney } from './add-money.js';
import { money } from './money.js';

describe('addMoney', () => {
  it('adds amounts of one currency exactly', () => {
    expect(addMoney(money(10, 'USD'), money(-3, 'USD'))).toEqual(money(7, 'USD'));
  });

  it('throws on a currency mismatch (a programmer error, not a refusal)', () => {
    expect(() => addMoney(money(1, 'USD'), money(1, 'EUR'))).toThrow(/USD and EUR/);
  });

  it('throws on non-integer minor units', () => {
    expect(() => addMoney({ minor: 0.1, currency: 'USD' }, money(1, 'USD'))).toThrow(TypeError);
  });

  it('throws rather than lose cents beyond a safe integer', () => {
    expect(() => addMoney(money(Number.MAX_SAFE_INTEGER, 'USD'), money(1, 'USD'))).toThrow(
      RangeError,
    );
  });
});
