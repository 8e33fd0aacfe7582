import { describe, expect, it } from 'vitest';
import { zeroMoney } from './zero-money.js';

describe('zeroMoney', () => {
  it('is zero in the given currency', () => {
    expect(zeroMoney('USD')).toEqual({ minor: 0, currency: 'USD' });
  });

  it('throws on an unknown currency', () => {
    expect(() => zeroMoney('XYZ')).toThrow();
  });
});
