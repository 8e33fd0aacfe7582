import { ISO_4217_CURRENCIES } from './currencies.js';

// One Map probe per call: every Money built, parsed or formatted asks this.
const DECIMALS: ReadonlyMap<string, number> = new Map(
  Object.entries(ISO_4217_CURRENCIES).map(([code, info]) => [code, info.decimals]),
);

/**
 * How many minor-unit digits a currency has (USD 2, JPY 0, KWD 3). Throws on a code that
 * is not active ISO 4217: callers validate untrusted codes first, so reaching here with one
 * is a bug.
 */
export function currencyDecimals(currency: string): number {
  const decimals = DECIMALS.get(currency);
  if (decimals === undefined) {
    throw new TypeError(`Unknown ISO 4217 currency code: ${String(currency)}`);
  }
  return decimals;
}
