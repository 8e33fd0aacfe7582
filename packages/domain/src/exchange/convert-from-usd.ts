import { divideHalfUp } from '../internal/divide-half-up.js';
import { currencyDecimals } from '../money/currency-decimals.js';
import { type Money, money } from '../money/money.js';
import { parseRate } from './parse-rate.js';

const USD_DECIMALS = 2;

/**
 * A USD amount in `currency` at `perUsd` units per dollar, rounded half-up to that currency's
 * own minor unit (ISO 4217: JPY 0 decimals, KWD 3): 30.00 USD at 0.92 is 27.60 EUR, at 149.5
 * it is 4,485 JPY. Exact in BigInt, never through floating point. Throws on a rate `parseRate`
 * refuses: rates are validated when published, so reaching here with one is a bug.
 */
export function convertFromUsd(usd: Money, perUsd: string, currency: string): Money {
  if (usd.currency !== 'USD') throw new RangeError(`convertFromUsd needs USD, got ${usd.currency}`);
  const rate = parseRate(perUsd);
  if (!rate.ok) throw new RangeError(rate.message);
  // usd.minor / 10^2 dollars x units / 10^scale = target / 10^decimals
  const target = currencyDecimals(currency);
  const numerator = BigInt(usd.minor) * rate.value.units * 10n ** BigInt(target);
  const denominator = 10n ** BigInt(rate.value.scale + USD_DECIMALS);
  return money(Number(divideHalfUp(numerator, denominator)), currency);
}
