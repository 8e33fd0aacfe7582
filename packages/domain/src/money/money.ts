import { currencyDecimals } from './currency-decimals.js';

/**
 * An exact amount: integer minor units (cents for USD) of an ISO 4217 currency. Never a
 * float, so sums and comparisons are exact.
 */
export interface Money {
  readonly minor: number;
  readonly currency: string;
}

/** The largest amount accepted from outside, in major units (the API's documented limit). */
export const MAX_AMOUNT_MAJOR_UNITS = 1_000_000_000;

/**
 * The largest amount accepted from outside, in minor units of a 2-decimal currency
 * (1,000,000,000.00). Other currencies scale with their decimals: see `maxAmountMinor`.
 */
export const MAX_AMOUNT_MINOR_UNITS = 100_000_000_000;

/**
 * Builds a {@link Money}. Throws when `minor` is not a safe integer or the currency is not
 * ISO 4217: both mean a bug upstream, since untrusted input goes through `parseMoney`.
 * Negative zero is stored as zero so equal amounts compare equal.
 */
export function money(minor: number, currency: string): Money {
  if (!Number.isSafeInteger(minor)) {
    throw new RangeError(`Money needs a safe integer of minor units, got ${String(minor)}`);
  }
  currencyDecimals(currency);
  return Object.freeze({ minor: minor === 0 ? 0 : minor, currency });
}
