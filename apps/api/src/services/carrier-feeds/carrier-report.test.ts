import { describe, expect, it } from 'vitest';
import { parseCarrierTime, signerName } from './carrier-report.js';

describe('parseCarrierTime', () => {
  it.each([
    ['2026-11-05T11:20:00Z', '2026-11-05T11:20:00.000Z'],
    ['2026-11-05T11:20:00.250Z', '2026-11-05T11:20:00.250Z'],
    ['2026-11-05T11:20:00+08:00', '2026-11-05T03:20:00.000Z'],
    ['2026-11-05T11:20:00-0530', '2026-11-05T16:50:00.000Z'],
    ['2026-11-05T11:20:00+14', '2026-11-04T21:20:00.000Z'],
    ['2026-11-05 11:20', '2026-11-05T11:20:00.000Z'],
    ['2026-11-05T11:20:00', '2026-11-05T11:20:00.000Z'],
    ['2026-11-05', '2026-11-05T00:00:00.000Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(parseCarrierTime(text)?.toISOString()).toBe(iso);
  });

  it.each([
    'yesterday',
    '2026-02-30T10:00:00Z',
    '2026-11-05T24:00:00Z',
    '2026-11-05T11:60:00Z',
    '2026-11-05T11:20:00+15:00',
    '',
    42,
    null,
  ])('refuses %j', (value) => {
    expect(parseCarrierTime(value)).toBeNull();
  });

  it('bounds a time without offset by notAfter, and leaves one with an offset exact', () => {
    const notAfter = new Date('2026-11-05T08:00:00Z');
    expect(parseCarrierTime('2026-11-05T11:20:00', notAfter)).toEqual(notAfter);
    expect(parseCarrierTime('2026-11-05T07:00:00', notAfter)).toEqual(
      new Date('2026-11-05T07:00:00Z'),
    );
    expect(parseCarrierTime('2026-11-05T11:20:00Z', notAfter)).toEqual(
      new Date('2026-11-05T11:20:00Z'),
    );
  });
});

describe('signerName', () => {
  it('trims, drops blanks and bounds the length', () => {
    expect(signerName('  Ann  ')).toBe('Ann');
    expect(signerName('   ')).toBeNull();
    expect(signerName(7)).toBeNull();
    expect(signerName('x'.repeat(300))).toHaveLength(200);
  });
});
