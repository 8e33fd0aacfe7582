import { currencyDecimals } from './currency-decimals.js';
import { MAX_AMOUNT_MAJOR_UNITS } from './money.js';

/**
 * The largest amount accepted from outside in a currency's minor units: 1,000,000,000
 * major units, so 100,000,000,000 for USD and 1,000,000,000 for JPY. Keeps every sum of
 * up to 90,000 such amounts a safe integer.
 */
export function maxAmountMinor(currency: string): number {
  return MAX_AMOUNT_MAJOR_UNITS * 10 ** currencyDecimals(currency);
}
