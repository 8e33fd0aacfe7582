import { describe, expect, it } from 'vitest';
import { money } from '../money/money.js';
import { POLICY_2026_11 } from '../policy/policy-2026-11.js';
import { maxCompensation } from './max-compensation.js';

const usd = (minor: number) => money(minor, 'USD');
const P = POLICY_2026_11;
const small = { declaredValue: usd(20000), salePrice: usd(18000), shippingFee: usd(1500) };
const big = { declaredValue: usd(800000), salePrice: usd(900000), shippingFee: usd(5000) };

describe('maxCompensation', () => {
  it('R5 is what a package can be paid when nothing was paid yet', () => {
    expect(maxCompensation(small, usd(0), P)).toEqual(usd(19500));
  });

  it('R9 caps a valuable package at $5,000.00', () => {
    expect(maxCompensation(big, usd(0), P)).toEqual(usd(500000));
  });

  it('R9 deducts what earlier claims on the package were paid', () => {
    expect(maxCompensation(big, usd(120000), P)).toEqual(usd(380000));
    expect(maxCompensation(small, usd(10000), P)).toEqual(usd(9500));
  });

  it('R9 never goes below zero once the package has been paid its limit', () => {
    expect(maxCompensation(big, usd(500000), P)).toEqual(usd(0));
    expect(maxCompensation(small, usd(500000), P)).toEqual(usd(0));
  });

  it('throws when the paid amount is in another currency', () => {
    expect(() => maxCompensation(small, money(0, 'EUR'), P)).toThrow(TypeError);
  });
});
