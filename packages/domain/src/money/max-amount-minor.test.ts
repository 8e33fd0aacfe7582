import { describe, expect, it } from 'vitest';
import { maxAmountMinor } from './max-amount-minor.js';
import { MAX_AMOUNT_MINOR_UNITS } from './money.js';

describe('maxAmountMinor', () => {
  it('is 1e9 major units in minor units of each currency', () => {
    expect(maxAmountMinor('USD')).toBe(MAX_AMOUNT_MINOR_UNITS);
    expect(maxAmountMinor('JPY')).toBe(1_000_000_000);
    expect(maxAmountMinor('KWD')).toBe(1_000_000_000_000);
    expect(maxAmountMinor('CLF')).toBe(10_000_000_000_000);
  });

  it('stays a safe integer for every currency', () => {
    expect(Number.isSafeInteger(maxAmountMinor('CLF'))).toBe(true);
  });
});
