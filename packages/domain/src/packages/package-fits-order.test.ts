import { describe, expect, it } from 'vitest';
import { money } from '../money/money.js';
import { packageFitsOrder } from './package-fits-order.js';

const usd = (minor: number) => money(minor, 'USD');

describe('packageFitsOrder', () => {
  it('R5 lets split shipments share the order value up to the last cent', () => {
    expect(packageFitsOrder(usd(10000), usd(6000), usd(4000)).ok).toBe(true);
  });

  it('R5 refuses the package that would take the sale prices past the order value', () => {
    expect(packageFitsOrder(usd(10000), usd(6000), usd(4001))).toMatchObject({
      ok: false,
      code: 'PACKAGE_VALUE_EXCEEDS_ORDER',
    });
    expect(packageFitsOrder(usd(100), usd(0), usd(1_000_000))).toMatchObject({ ok: false });
  });

  it('refuses amounts in another currency than the order', () => {
    expect(packageFitsOrder(usd(10000), usd(0), money(100, 'EUR'))).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
  });
});
