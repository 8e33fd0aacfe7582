import { describe, expect, it } from 'vitest';
import { money } from '../money/money.js';
import { POLICY_2026_11 } from '../policy/policy-2026-11.js';
import { lossCompensation } from './loss-compensation.js';

const usd = (minor: number) => money(minor, 'USD');
const P = POLICY_2026_11;

describe('lossCompensation', () => {
  it('R5 pays the package value plus 100% of its shipping fee', () => {
    const pkg = { declaredValue: usd(20000), salePrice: usd(25000), shippingFee: usd(1500) };
    expect(lossCompensation(pkg, P)).toEqual(usd(21500));
  });

  it('R6 uses the sale price when it is lower than the declared value', () => {
    const pkg = { declaredValue: usd(20000), salePrice: usd(18000), shippingFee: usd(1500) };
    expect(lossCompensation(pkg, P)).toEqual(usd(19500));
  });

  it('R5 is not capped here: R9 applies on top', () => {
    const pkg = { declaredValue: usd(900000), salePrice: usd(900000), shippingFee: usd(0) };
    expect(lossCompensation(pkg, P)).toEqual(usd(900000));
  });

  it('R5 rounds a partial shipping share half-up when a policy pays less than 100%', () => {
    const pkg = { declaredValue: usd(1000), salePrice: usd(1000), shippingFee: usd(5) };
    expect(lossCompensation(pkg, { ...P, lossShippingShareBps: 5000 })).toEqual(usd(1003));
  });

  it('throws on amounts not in the policy currency', () => {
    const pkg = { declaredValue: usd(1), salePrice: money(1, 'EUR'), shippingFee: usd(1) };
    expect(() => lossCompensation(pkg, P)).toThrow(TypeError);
  });
});
