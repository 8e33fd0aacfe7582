import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeCompensation } from '../claims/compute-compensation.js';
import { convertFromUsd } from '../exchange/convert-from-usd.js';
import type { ExchangeRate } from '../exchange/exchange-rate.js';
import { money } from '../money/money.js';
import { maxCompensation } from '../packages/max-compensation.js';
import { quoteFee } from '../quotes/quote-fee.js';
import { POLICY_2026_11 } from './policy-2026-11.js';
import { policyInCurrency } from './policy-in-currency.js';

const rate = (currency: string, perUsd: string): ExchangeRate => ({
  currency,
  perUsd,
  asOf: new Date('2026-12-01T15:00:00Z'),
  source: 'ECB',
});
const EUR_092 = rate('EUR', '0.92');

describe('policyInCurrency', () => {
  it("API.md's worked example: at 0.92 EUR per USD a 100.00 EUR cart pays 27.60 EUR, capped at 4,600.00 EUR per package", () => {
    const policy = policyInCurrency(POLICY_2026_11, EUR_092);
    expect(policy.currency).toBe('EUR');
    const quote = quoteFee(money(10000, 'EUR'), policy);
    expect(quote).toMatchObject({
      ok: true,
      value: {
        fee: money(2760, 'EUR'),
        minimumFeeApplied: true,
        maxCompensationPerPackage: money(460000, 'EUR'),
      },
    });
  });

  it('R1 keeps the 10% rate: a 1,000.00 EUR cart pays 100.00 EUR, above the converted minimum', () => {
    const quote = quoteFee(money(100000, 'EUR'), policyInCurrency(POLICY_2026_11, EUR_092));
    expect(quote).toMatchObject({
      ok: true,
      value: { fee: money(10000, 'EUR'), minimumFeeApplied: false },
    });
  });

  it('R8 caps damage at 30% of shipping plus the converted 100.00 USD (92.00 EUR)', () => {
    const policy = policyInCurrency(POLICY_2026_11, EUR_092);
    const eur = (minor: number) => money(minor, 'EUR');
    const result = computeCompensation({
      type: 'DAMAGE',
      pkg: { declaredValue: eur(30000), salePrice: eur(30000), shippingFee: eur(4000) },
      auditedAmount: eur(30000),
      alreadyPaid: eur(0),
      policy,
    });
    // 30% of 40.00 = 12.00, plus 92.00: 104.00 EUR.
    expect(result).toMatchObject({ ok: true, value: { payable: eur(10400) } });
    if (result.ok) expect(result.value.breakdown.at(-1)?.label).toContain('92.00 EUR');
  });

  it('JPY (no decimals): $30.00 at 149.5 is 4,485 yen; $5,000 is 747,500 yen', () => {
    const policy = policyInCurrency(POLICY_2026_11, rate('JPY', '149.5'));
    expect(policy.minimumFeeMinor).toBe(4485);
    expect(policy.maxCompensationPerPackageMinor).toBe(747500);
    expect(policy.damageProductCapMinor).toBe(14950);
    expect(quoteFee(money(3000, 'JPY'), policy)).toMatchObject({
      ok: true,
      value: { fee: money(4485, 'JPY') },
    });
  });

  it('KWD (three decimals): $30.00 at 0.3071 is 9.213 KWD', () => {
    const policy = policyInCurrency(POLICY_2026_11, rate('KWD', '0.3071'));
    expect(policy.minimumFeeMinor).toBe(9213);
    expect(quoteFee(money(200000, 'KWD'), policy)).toMatchObject({
      ok: true,
      value: { fee: money(20000, 'KWD'), maxCompensationPerPackage: money(1535500, 'KWD') },
    });
  });

  it('leaves a USD guarantee (no rate) on the policy as published', () => {
    expect(policyInCurrency(POLICY_2026_11, null)).toBe(POLICY_2026_11);
  });

  it('changes nothing but the three amounts and the currency, and is frozen', () => {
    const policy = policyInCurrency(POLICY_2026_11, EUR_092);
    expect({
      ...policy,
      currency: 'USD',
      minimumFeeMinor: 3000,
      damageProductCapMinor: 10000,
      maxCompensationPerPackageMinor: 500000,
    }).toEqual(POLICY_2026_11);
    expect(Object.isFrozen(policy)).toBe(true);
  });

  it('refuses (throws) a USD rate or a policy not in USD: the caller picked the wrong rate', () => {
    expect(() => policyInCurrency(POLICY_2026_11, rate('USD', '1'))).toThrow(RangeError);
    const eurPolicy = policyInCurrency(POLICY_2026_11, EUR_092);
    expect(() => policyInCurrency(eurPolicy, rate('GBP', '0.8'))).toThrow(RangeError);
  });

  it('R9 in any currency never lets a package be paid more than the USD cap at the rate, up to one minor unit', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(['EUR', 2], ['JPY', 0], ['KWD', 3], ['GBP', 2], ['IDR', 2]),
        fc.integer({ min: 1, max: 20_000_000 }).map((n) => (n / 10_000).toFixed(4)),
        fc.integer({ min: 0, max: 10 ** 9 }),
        fc.integer({ min: 0, max: 10 ** 7 }),
        ([currency], perUsd, value, shipping) => {
          fc.pre(Number(perUsd) > 0);
          const policy = policyInCurrency(POLICY_2026_11, rate(currency as string, perUsd));
          const m = (minor: number) => money(minor, currency as string);
          const room = maxCompensation(
            { declaredValue: m(value), salePrice: m(value), shippingFee: m(shipping) },
            m(0),
            policy,
          );
          const capAtRate = convertFromUsd(money(500000, 'USD'), perUsd, currency as string);
          expect(room.minor).toBeLessThanOrEqual(capAtRate.minor);
          // capAtRate itself is within half a minor unit of 5,000 x rate (convert-from-usd tests).
          expect(
            Math.abs(
              capAtRate.minor -
                (500000 *
                  Number(perUsd) *
                  10 ** (currency === 'JPY' ? 0 : currency === 'KWD' ? 3 : 2)) /
                  100,
            ),
          ).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});
