import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { money } from '../money/money.js';
import { POLICY_2026_11 } from '../policy/policy-2026-11.js';
import { quoteFee } from './quote-fee.js';

const usd = (minor: number) => money(minor, 'USD');
const P = POLICY_2026_11;

describe('quoteFee', () => {
  it.each([
    [12000, 3000, true],
    [29999, 3000, true],
    [30000, 3000, false],
    [30001, 3000, false],
    [45678, 4568, false],
    [100000, 10000, false],
  ])(
    'R1 charges a product value of %i cents a fee of %i cents (minimum applied: %s)',
    (value, fee, minimumFeeApplied) => {
      const result = quoteFee(usd(value), P);
      expect(result).toEqual({
        ok: true,
        value: {
          productValue: usd(value),
          fee: usd(fee),
          feeRateBps: 1000,
          minimumFeeApplied,
          maxCompensationPerPackage: usd(500000),
          policyVersion: '2026-11',
        },
      });
    },
  );

  it('R1 applies the minimum to $299.99 because its exact 10% ($29.999) is below $30.00', () => {
    expect(quoteFee(usd(29999), P)).toMatchObject({ value: { minimumFeeApplied: true } });
  });

  it('R1 does not apply the minimum to $300.01: its exact 10% ($30.001) rounds to $30.00', () => {
    expect(quoteFee(usd(30001), P)).toMatchObject({
      value: { fee: usd(3000), minimumFeeApplied: false },
    });
  });

  it('R1 rounds an exact half cent of fee up: $300.05 costs $30.01', () => {
    expect(quoteFee(usd(30005), P)).toMatchObject({ value: { fee: usd(3001) } });
  });

  it('R1 charges the minimum on a one-cent cart', () => {
    expect(quoteFee(usd(1), P)).toMatchObject({
      value: { fee: usd(3000), minimumFeeApplied: true },
    });
  });

  it('refuses a product value in another currency than the policy with UNSUPPORTED_CURRENCY', () => {
    expect(quoteFee(money(10000, 'EUR'), P)).toMatchObject({
      ok: false,
      code: 'UNSUPPORTED_CURRENCY',
    });
  });

  it('refuses a zero or negative product value with INVALID_INPUT', () => {
    expect(quoteFee(usd(0), P)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(quoteFee(usd(-100), P)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('refuses a product value above 1,000,000,000.00 with INVALID_INPUT', () => {
    expect(quoteFee(usd(100_000_000_000), P).ok).toBe(true);
    expect(quoteFee(usd(100_000_000_001), P)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('quotes with the numbers of the policy it is given', () => {
    const policy = { ...P, version: '2027-01', feeRateBps: 1250, minimumFeeMinor: 500 };
    expect(quoteFee(usd(10000), policy)).toMatchObject({
      value: {
        fee: usd(1250),
        feeRateBps: 1250,
        policyVersion: '2027-01',
        minimumFeeApplied: false,
      },
    });
  });

  const productValue = fc.integer({ min: 1, max: 100_000_000_000 });

  it('fee is never below the minimum', () => {
    fc.assert(
      fc.property(productValue, (value) => {
        const result = quoteFee(usd(value), P);
        expect(result.ok && result.value.fee.minor).toBeGreaterThanOrEqual(P.minimumFeeMinor);
      }),
    );
  });

  it('fee is monotonic in product value', () => {
    fc.assert(
      fc.property(productValue, productValue, (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const feeLow = quoteFee(usd(low), P);
        const feeHigh = quoteFee(usd(high), P);
        expect(feeLow.ok && feeHigh.ok && feeLow.value.fee.minor <= feeHigh.value.fee.minor).toBe(
          true,
        );
      }),
    );
  });

  it('fee is 10% rounded half-up whenever the minimum does not apply', () => {
    fc.assert(
      fc.property(productValue, (value) => {
        const result = quoteFee(usd(value), P);
        if (!result.ok || result.value.minimumFeeApplied) return;
        expect(result.value.fee.minor).toBe(Math.floor((value + 5) / 10));
      }),
    );
  });
});
