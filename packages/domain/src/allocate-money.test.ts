import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateMoney } from './allocate-money.js';
import { money } from './money.js';

const minors = (parts: { minor: number }[]) => parts.map((p) => p.minor);

describe('allocateMoney', () => {
  it('splits $100.00 three ways as $33.34, $33.33, $33.33', () => {
    expect(minors(allocateMoney(money(10000, 'USD'), [1, 1, 1]))).toEqual([3334, 3333, 3333]);
  });

  it('gives leftover cents to the largest remainders first', () => {
    expect(minors(allocateMoney(money(7, 'USD'), [3, 7]))).toEqual([2, 5]);
    expect(minors(allocateMoney(money(5, 'USD'), [3, 7]))).toEqual([2, 3]);
    expect(minors(allocateMoney(money(100, 'USD'), [1, 2, 3]))).toEqual([17, 33, 50]);
  });

  it('gives nothing to a zero ratio', () => {
    expect(minors(allocateMoney(money(101, 'USD'), [0, 1, 1]))).toEqual([0, 51, 50]);
  });

  it('splits negative amounts symmetrically', () => {
    expect(minors(allocateMoney(money(-10000, 'USD'), [1, 1, 1]))).toEqual([-3334, -3333, -3333]);
  });

  it('keeps the currency on every part', () => {
    for (const part of allocateMoney(money(7, 'JPY'), [1, 1])) expect(part.currency).toBe('JPY');
  });

  it('throws on no ratios, all-zero, negative or fractional ratios', () => {
    const m = money(100, 'USD');
    expect(() => allocateMoney(m, [])).toThrow(RangeError);
    expect(() => allocateMoney(m, [0, 0])).toThrow(RangeError);
    expect(() => allocateMoney(m, [1, -1])).toThrow(RangeError);
    expect(() => allocateMoney(m, [0.5, 0.5])).toThrow(RangeError);
  });

  it('allocation sums exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -100_000_000_000, max: 100_000_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 20 }),
        (minor, ratios) => {
          fc.pre(ratios.some((r) => r > 0));
          const parts = allocateMoney(money(minor, 'USD'), ratios);
          expect(parts).toHaveLength(ratios.length);
          expect(parts.reduce((sum, p) => sum + p.minor, 0)).toBe(minor);
          const total = BigInt(ratios.reduce((a, b) => a + b, 0));
          // Every part is strictly within one minor unit of its exact share.
          parts.forEach((p, i) => {
            const error = BigInt(p.minor) * total - BigInt(minor) * BigInt(ratios[i] as number);
            expect(error < total && error > -total).toBe(true);
          });
        },
      ),
    );
  });
});
