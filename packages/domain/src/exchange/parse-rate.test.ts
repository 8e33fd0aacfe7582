import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRate } from './format-rate.js';
import { parseRate } from './parse-rate.js';

describe('parseRate', () => {
  it('reads a decimal rate exactly', () => {
    expect(parseRate('0.92')).toEqual({ ok: true, value: { units: 92n, scale: 2 } });
    expect(parseRate('149')).toEqual({ ok: true, value: { units: 149n, scale: 0 } });
  });

  it.each([
    ['0', 'zero'],
    ['0.000', 'zero with decimals'],
    ['-1', 'negative'],
    ['1e3', 'an exponent'],
    ['.5', 'a bare point'],
    ['1.', 'a trailing point'],
    ['1,5', 'a comma'],
    ['0.12345678901', 'eleven decimals'],
    ['10000000', 'eight integer digits (10,000,000 per USD)'],
    ['', 'nothing'],
  ])('refuses %s (%s) as INVALID_INPUT', (rate) => {
    expect(parseRate(rate)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('formats a rate canonically, and formatting then parsing gives the same value', () => {
    expect(formatRate({ units: 9200n, scale: 4 })).toBe('0.92');
    expect(formatRate({ units: 1490000n, scale: 4 })).toBe('149');
    expect(formatRate({ units: 5n, scale: 10 })).toBe('0.0000000005');
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 17n - 1n }), (units) => {
        const text = formatRate({ units, scale: 10 });
        const parsed = parseRate(text);
        expect(parsed.ok).toBe(true);
        if (parsed.ok) {
          expect(parsed.value.units * 10n ** BigInt(10 - parsed.value.scale)).toBe(units);
        }
      }),
    );
  });
});
