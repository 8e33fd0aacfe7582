import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDecimal } from './format-decimal.js';
import { maxAmountMinor } from './max-amount-minor.js';
import { money } from './money.js';
import { parseMoney } from './parse-money.js';

function codeOf(result: ReturnType<typeof parseMoney>): string {
  return result.ok ? 'OK' : result.code;
}

describe('parseMoney', () => {
  it('reads a plain decimal into exact minor units', () => {
    expect(parseMoney('45.68', 'USD')).toEqual({ ok: true, value: money(4568, 'USD') });
    expect(parseMoney('120', 'USD')).toEqual({ ok: true, value: money(12000, 'USD') });
    expect(parseMoney('0.5', 'USD')).toEqual({ ok: true, value: money(50, 'USD') });
  });

  it('accepts leading zeros such as 007.50', () => {
    expect(parseMoney('007.50', 'USD')).toEqual({ ok: true, value: money(750, 'USD') });
  });

  it.each([
    '',
    ' 1',
    '1 ',
    '1e3',
    '0x10',
    '+1',
    '1.',
    '.5',
    'abc',
    '1,000.00',
    '١٢',
    '--1',
    '1.2.3',
  ])('refuses %j as INVALID_AMOUNT (strict decimal only)', (input) => {
    const result = parseMoney(input, 'USD');
    expect(codeOf(result)).toBe('INVALID_AMOUNT');
    expect(result.ok ? '' : result.message).toMatch(/amount/i);
  });

  it('refuses a non-string amount as INVALID_AMOUNT', () => {
    expect(codeOf(parseMoney(12 as unknown as string, 'USD'))).toBe('INVALID_AMOUNT');
  });

  it('refuses 12.345 in USD as TOO_MANY_DECIMALS', () => {
    const result = parseMoney('12.345', 'USD');
    expect(codeOf(result)).toBe('TOO_MANY_DECIMALS');
    expect(result.ok ? '' : result.message).toContain('2 decimal places');
  });

  it('counts trailing zeros as decimals: 12.340 is TOO_MANY_DECIMALS in USD', () => {
    expect(codeOf(parseMoney('12.340', 'USD'))).toBe('TOO_MANY_DECIMALS');
  });

  it('reads currencies with 0 and 3 decimals by their own digits', () => {
    expect(parseMoney('100', 'JPY')).toEqual({ ok: true, value: money(100, 'JPY') });
    expect(codeOf(parseMoney('100.5', 'JPY'))).toBe('TOO_MANY_DECIMALS');
    expect(parseMoney('1.234', 'KWD')).toEqual({ ok: true, value: money(1234, 'KWD') });
  });

  it('refuses a negative amount unless negatives are allowed', () => {
    expect(codeOf(parseMoney('-1.00', 'USD'))).toBe('NEGATIVE');
    expect(parseMoney('-1.00', 'USD', { allowNegative: true })).toEqual({
      ok: true,
      value: money(-100, 'USD'),
    });
  });

  it('accepts zero by default and refuses it as ZERO when asked', () => {
    expect(parseMoney('0.00', 'USD')).toEqual({ ok: true, value: money(0, 'USD') });
    expect(codeOf(parseMoney('0', 'USD', { allowZero: false }))).toBe('ZERO');
  });

  it('reads -0 as zero, not as a negative amount', () => {
    expect(parseMoney('-0.00', 'USD')).toEqual({ ok: true, value: money(0, 'USD') });
  });

  it('accepts exactly 1,000,000,000.00 and refuses one cent more as TOO_LARGE', () => {
    expect(parseMoney('1000000000.00', 'USD')).toEqual({
      ok: true,
      value: money(100_000_000_000, 'USD'),
    });
    expect(codeOf(parseMoney('1000000000.01', 'USD'))).toBe('TOO_LARGE');
    expect(codeOf(parseMoney('-1000000000.01', 'USD', { allowNegative: true }))).toBe('TOO_LARGE');
    expect(codeOf(parseMoney('9'.repeat(400), 'USD'))).toBe('TOO_LARGE');
  });

  it('refuses a code that is not ISO 4217 as UNKNOWN_CURRENCY', () => {
    expect(codeOf(parseMoney('1.00', 'XYZ'))).toBe('UNKNOWN_CURRENCY');
    expect(codeOf(parseMoney('1.00', 'usd'))).toBe('UNKNOWN_CURRENCY');
  });

  it('reads any ISO 4217 currency: which are sold is decided by the published exchange rates', () => {
    expect(parseMoney('1.00', 'EUR')).toEqual({ ok: true, value: money(100, 'EUR') });
  });

  it('checks the currency before the amount, so the most basic problem is named', () => {
    expect(codeOf(parseMoney('abc', 'XYZ'))).toBe('UNKNOWN_CURRENCY');
  });

  it('parse∘format is the identity on every amount within the limit', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('USD', 'JPY', 'KWD', 'CLF'),
        fc.integer({ min: -1, max: 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (currency, sign, fraction) => {
          const minor = sign * Math.floor(fraction * maxAmountMinor(currency));
          const m = money(minor, currency);
          const parsed = parseMoney(formatDecimal(m), currency, {
            allowNegative: true,
          });
          expect(parsed).toEqual({ ok: true, value: m });
        },
      ),
    );
  });

  it('format∘parse gives back the canonical decimal of any valid USD string', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 100_000_000_000n }), (cents) => {
        const text = `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
        const parsed = parseMoney(text, 'USD');
        expect(parsed.ok && formatDecimal(parsed.value)).toBe(text);
      }),
    );
  });
});
