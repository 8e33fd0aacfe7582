import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ISO_4217_CURRENCIES } from '../money/currencies.js';
import { money } from '../money/money.js';
import { convertFromUsd } from './convert-from-usd.js';

const usd = (minor: number) => money(minor, 'USD');

/** A per-USD rate as the API accepts it: up to 7 integer digits and 10 decimals. */
const rateArb = fc
  .tuple(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 10 }))
  .chain(([whole, scale]) =>
    fc
      .bigInt({ min: 0n, max: 10n ** BigInt(scale) - 1n })
      .map((fraction) =>
        scale === 0 ? String(whole) : `${whole}.${fraction.toString().padStart(scale, '0')}`,
      ),
  )
  .filter((rate) => /[1-9]/.test(rate));
const currencyArb = fc.constantFrom(...Object.keys(ISO_4217_CURRENCIES));

/** Whether the converted amount fits a safe integer (Money's own limit). */
function fits(usdMinor: number, rate: string, currency: string): boolean {
  const [whole, fraction = ''] = rate.split('.');
  const exact =
    (BigInt(usdMinor) *
      BigInt(`${whole}${fraction}`) *
      10n ** BigInt(ISO_4217_CURRENCIES[currency]!.decimals)) /
    10n ** BigInt(fraction.length + 2);
  return exact < BigInt(Number.MAX_SAFE_INTEGER);
}

describe('convertFromUsd', () => {
  it("converts the terms' USD amounts at 0.92 EUR per dollar, as API.md's worked example", () => {
    expect(convertFromUsd(usd(3000), '0.92', 'EUR')).toEqual(money(2760, 'EUR'));
    expect(convertFromUsd(usd(500000), '0.92', 'EUR')).toEqual(money(460000, 'EUR'));
    expect(convertFromUsd(usd(10000), '0.92', 'EUR')).toEqual(money(9200, 'EUR'));
  });

  it('rounds to whole yen: JPY has no minor unit ($30.00 at 149.567 is 4,487 yen, 4,487.01)', () => {
    expect(convertFromUsd(usd(3000), '149.567', 'JPY')).toEqual(money(4487, 'JPY'));
    expect(convertFromUsd(usd(500000), '149.567', 'JPY')).toEqual(money(747835, 'JPY'));
  });

  it('keeps three decimals for KWD ($30.00 at 0.30712 is 9.214 KWD, 9.2136 rounded half-up)', () => {
    expect(convertFromUsd(usd(3000), '0.30712', 'KWD')).toEqual(money(9214, 'KWD'));
  });

  it('rounds an exact half minor unit up', () => {
    // $0.01 at 0.5 is half a cent of EUR: 1 cent; at 0.49 it is 0.49 cent: 0.
    expect(convertFromUsd(usd(1), '0.5', 'EUR')).toEqual(money(1, 'EUR'));
    expect(convertFromUsd(usd(1), '0.49', 'EUR')).toEqual(money(0, 'EUR'));
  });

  it('never goes through floating point: 0.1 + 0.2 style rates stay exact', () => {
    // 1,000,000.00 USD at 0.3 is exactly 300,000.00; a float product would give 299999.99999.
    expect(convertFromUsd(usd(100_000_000), '0.3', 'EUR')).toEqual(money(30_000_000, 'EUR'));
  });

  it('refuses a non-USD amount and a malformed rate (bugs upstream, thrown)', () => {
    expect(() => convertFromUsd(money(100, 'EUR'), '1', 'GBP')).toThrow(RangeError);
    expect(() => convertFromUsd(usd(100), '1e3', 'EUR')).toThrow(RangeError);
    expect(() => convertFromUsd(usd(100), '0', 'EUR')).toThrow(RangeError);
  });

  it('is monotonic: a larger USD amount never converts to less', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500_000_000 }),
        fc.integer({ min: 0, max: 500_000_000 }),
        rateArb,
        currencyArb,
        (a, b, rate, currency) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          fc.pre(fits(high, rate, currency));
          expect(convertFromUsd(usd(low), rate, currency).minor).toBeLessThanOrEqual(
            convertFromUsd(usd(high), rate, currency).minor,
          );
        },
      ),
    );
  });

  it('never pays more than the USD amount at the rate, up to one minor unit (half-up)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500_000 }),
        rateArb,
        currencyArb,
        (cap, rate, currency) => {
          fc.pre(fits(cap, rate, currency));
          const converted = convertFromUsd(usd(cap), rate, currency);
          // The exact value in the target's minor units, as a fraction: cap x rate x 10^d / 100.
          const [whole, fraction = ''] = rate.split('.');
          const units = BigInt(`${whole}${fraction}`);
          const decimals = ISO_4217_CURRENCIES[currency]!.decimals;
          const numerator = BigInt(cap) * units * 10n ** BigInt(decimals);
          const denominator = 10n ** BigInt(fraction.length + 2);
          // converted - exact lies in (-1/2, 1/2]: twice the difference times the denominator.
          const twice = 2n * (BigInt(converted.minor) * denominator - numerator);
          expect(twice <= denominator).toBe(true);
          expect(twice > -denominator).toBe(true);
        },
      ),
    );
  });
});
