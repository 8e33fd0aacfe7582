import { describe, expect, it } from 'vitest';
import { money } from '../money/money.js';
import { type CartLine, sumProductValue } from './sum-product-value.js';

const usd = (minor: number) => money(minor, 'USD');
const line = (minor: number, quantity = 1, currency = 'USD'): CartLine => ({
  unitPrice: money(minor, currency),
  quantity,
});

describe('sumProductValue', () => {
  it('R1 sums unit price x quantity over the lines', () => {
    expect(sumProductValue([line(1999, 3), line(5000), line(0, 2)])).toEqual({
      ok: true,
      value: usd(10997),
    });
  });

  it('refuses an empty cart and one of more than 100 lines', () => {
    expect(sumProductValue([])).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      field: ['lines'],
    });
    const lines = Array.from({ length: 101 }, () => line(100));
    expect(sumProductValue(lines)).toMatchObject({ ok: false, field: ['lines'] });
    expect(sumProductValue(lines.slice(0, 100))).toEqual({ ok: true, value: usd(10000) });
  });

  it.each([0, -1, 10_001, 1.5, Number.NaN])('refuses the quantity %s with its field path', (q) => {
    expect(sumProductValue([line(100), line(100), line(100, q)])).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      field: ['lines', '2', 'quantity'],
    });
  });

  it('accepts quantities 1 and 10,000', () => {
    expect(sumProductValue([line(1, 1), line(1, 10_000)])).toEqual({
      ok: true,
      value: usd(10_001),
    });
  });

  it('refuses a negative unit price', () => {
    expect(sumProductValue([line(-1)])).toMatchObject({
      ok: false,
      field: ['lines', '0', 'unitPrice'],
    });
  });

  it('refuses lines in different currencies', () => {
    expect(sumProductValue([line(100), line(100, 1, 'EUR')])).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      field: ['lines', '1', 'unitPrice'],
    });
  });

  it('accepts a total of exactly 1,000,000,000.00 and refuses one cent more', () => {
    expect(sumProductValue([line(10_000_000_000, 10)])).toEqual({
      ok: true,
      value: usd(100_000_000_000),
    });
    expect(sumProductValue([line(10_000_000_000, 10), line(1)])).toMatchObject({
      ok: false,
      field: ['lines'],
    });
  });

  it('refuses absurd totals without losing precision on the way', () => {
    const lines = Array.from({ length: 100 }, () => line(Number.MAX_SAFE_INTEGER, 10_000));
    expect(sumProductValue(lines)).toMatchObject({ ok: false, field: ['lines'] });
  });

  it('throws on a malformed unit price (a programmer error)', () => {
    expect(() =>
      sumProductValue([{ unitPrice: { minor: 1.5, currency: 'USD' }, quantity: 1 }]),
    ).toThrow(TypeError);
  });
});
