import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRateTable } from './read-rate-table.js';

const ecbDay = readFileSync(new URL('./fixtures/eurofxref-daily.xml', import.meta.url), 'utf8');

describe('readRateTable', () => {
  it("reads the ECB's daily reference rates (per EUR) as rates per USD, dated at the 16:00 CET fixing", () => {
    const table = readRateTable(ecbDay);
    if (!table.ok) throw new Error(table.errors[0]?.message);
    expect(table.value.source).toBe('ECB');
    // 27 November 2026, 16:00 in Frankfurt (CET, UTC+1).
    expect(table.value.asOf.toISOString()).toBe('2026-11-27T15:00:00.000Z');
    const rates = Object.fromEntries(table.value.rates.map((r) => [r.currencyCode, r.perUsd]));
    // 1 USD = 1 / 1.04 EUR; JPY 156 / 1.04 = 150 exactly; GBP 0.832 / 1.04 = 0.8.
    expect(rates.EUR).toBe('0.9615384615');
    expect(rates.JPY).toBe('150');
    expect(rates.GBP).toBe('0.8');
    expect(rates.USD).toBeUndefined();
    // Every currency of the table but USD, plus the euro itself.
    expect(table.value.rates).toHaveLength(30);
  });

  it('dates a summer fixing at 14:00 UTC (CEST)', () => {
    const summer = readRateTable(ecbDay.replace("time='2026-11-27'", "time='2026-07-01'"));
    expect(summer.ok && summer.value.asOf.toISOString()).toBe('2026-07-01T14:00:00.000Z');
  });

  it('reads JSON already per USD', () => {
    const table = readRateTable(
      JSON.stringify({
        source: 'Treasury desk',
        asOf: '2026-12-01T09:00:00Z',
        rates: { EUR: '0.92', KWD: '0.3071' },
      }),
    );
    expect(table).toEqual({
      ok: true,
      value: {
        source: 'Treasury desk',
        asOf: new Date('2026-12-01T09:00:00Z'),
        rates: [
          { currencyCode: 'EUR', perUsd: '0.92' },
          { currencyCode: 'KWD', perUsd: '0.3071' },
        ],
      },
    });
  });

  it.each([
    ['XML that is not the ECB format', '<rates><rate/></rates>'],
    ['XML without a USD rate', ecbDay.replace("<Cube currency='USD' rate='1.0400'/>", '')],
    ['an ECB rate that is not a decimal', ecbDay.replace("rate='156.00'", "rate='1e2'")],
    ['malformed XML', '<Envelope><Cube>'],
    ['JSON without asOf', JSON.stringify({ source: 'x', rates: { EUR: '0.92' } })],
    [
      'JSON with a time without a zone',
      JSON.stringify({ source: 'x', asOf: '2026-12-01T09:00:00', rates: {} }),
    ],
    [
      'JSON with a number for a rate',
      JSON.stringify({ source: 'x', asOf: '2026-12-01T09:00:00Z', rates: { EUR: 0.92 } }),
    ],
    ['neither', 'EUR=0.92'],
  ])('refuses %s with a reason', (_name, text) => {
    const table = readRateTable(text);
    expect(table.ok).toBe(false);
    if (!table.ok) expect(table.errors[0]).toMatchObject({ code: 'INVALID_INPUT' });
  });
});
