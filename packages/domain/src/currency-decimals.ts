import { ISO_4217_CURRENCIES } from './currencies.js';

/**
 * How many minor-unit digits a currency has (USD 2, JPY 0, KWD 3). Throws on a code that
 * is not active ISO 4217: callers validate untrusted codes first, so reaching here with one
 * is a bug.
 */
export function currencyDecimals(currency: string): number {
  if (typeof currency !== 'string' || !Object.hasOwn(ISO_4217_CURRENCIES, currency)) {
    throw new TypeError(`Unknown ISO 4217 currency code: ${String(currency)}`);
  }
  return (ISO_4217_CURRENCIES[currency] as { decimals: number }).decimals;
}
