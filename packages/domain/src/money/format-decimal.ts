import { assertMoney } from '../internal/assert-money.js';
import { currencyDecimals } from './currency-decimals.js';
import type { Money } from './money.js';

/**
 * The API's `Decimal` string for an amount: digits, a point and exactly the currency's
 * decimals, no grouping or symbol. 4568 USD is "45.68", -5 USD "-0.05", 100 JPY "100".
 * `parseMoney` reads it back to the same Money.
 */
export function formatDecimal(m: Money): string {
  assertMoney(m);
  const decimals = currencyDecimals(m.currency);
  const sign = m.minor < 0 ? '-' : '';
  const digits = String(Math.abs(m.minor));
  if (decimals === 0) return `${sign}${digits}`;
  const padded = digits.padStart(decimals + 1, '0');
  return `${sign}${padded.slice(0, -decimals)}.${padded.slice(-decimals)}`;
}
