import { divideHalfUp } from '../internal/divide-half-up.js';
import { ISO_4217_CURRENCIES } from '../money/currencies.js';
import { ok, type Result, refuse } from '../results/result.js';
import { RATE_DECIMALS } from './exchange-rate.js';
import { formatRate } from './format-rate.js';
import { type ExactRate, parseRate } from './parse-rate.js';

/**
 * Rates quoted against another base (the ECB publishes units per EUR) as units per USD, the
 * way rates are kept: X per USD = (X per base) / (USD per base), and the base itself is
 * 1 / (USD per base). Rounded half-up to 10 decimals, exactly. Refuses a table without USD,
 * a code that is not ISO 4217, or a rate that is not a positive decimal.
 */
export function ratesPerUsd(
  base: string,
  perBase: Readonly<Record<string, string>>,
): Result<Record<string, string>> {
  const usd = perBase.USD;
  if (usd === undefined) {
    return refuse('INVALID_INPUT', `The ${base} rates have no USD rate to convert through.`);
  }
  const usdRate = parseRate(usd);
  if (!usdRate.ok) return refuse('INVALID_INPUT', `USD: ${usdRate.message}`);
  if (!Object.hasOwn(ISO_4217_CURRENCIES, base)) {
    return refuse('INVALID_INPUT', `"${base}" is not an ISO 4217 currency code.`);
  }
  const entries: [string, ExactRate][] = [[base, { units: 1n, scale: 0 }]];
  for (const [currency, perBaseRate] of Object.entries(perBase)) {
    if (currency === 'USD') continue;
    if (!Object.hasOwn(ISO_4217_CURRENCIES, currency)) {
      return refuse('INVALID_INPUT', `"${currency}" is not an ISO 4217 currency code.`);
    }
    const rate = parseRate(perBaseRate);
    if (!rate.ok) return refuse('INVALID_INPUT', `${currency}: ${rate.message}`);
    entries.push([currency, rate.value]);
  }
  const out: Record<string, string> = {};
  for (const [currency, rate] of entries) {
    // (units / 10^scale) / (usd.units / 10^usd.scale), as a fraction over 10^RATE_DECIMALS
    const units = divideHalfUp(
      rate.units * 10n ** BigInt(usdRate.value.scale + RATE_DECIMALS),
      usdRate.value.units * 10n ** BigInt(rate.scale),
    );
    const perUsd = formatRate({ units, scale: RATE_DECIMALS });
    const checked = parseRate(perUsd);
    if (!checked.ok) return refuse('INVALID_INPUT', `${currency} per USD: ${checked.message}`);
    out[currency] = perUsd;
  }
  return ok(out);
}
