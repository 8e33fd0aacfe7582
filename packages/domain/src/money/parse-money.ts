import { ok, type Result, refuse } from '../results/result.js';
import { ISO_4217_CURRENCIES } from './currencies.js';
import { currencyDecimals } from './currency-decimals.js';
import { maxAmountMinor } from './max-amount-minor.js';
import { type Money, money } from './money.js';

/** Why a decimal string could not become Money. */
export type MoneyParseError =
  | 'INVALID_AMOUNT'
  | 'TOO_MANY_DECIMALS'
  | 'NEGATIVE'
  | 'ZERO'
  | 'TOO_LARGE'
  | 'UNKNOWN_CURRENCY';

/** What `parseMoney` accepts beyond a positive amount. */
interface ParseMoneyOptions {
  /** Accept "0" / "0.00" (default true). */
  allowZero?: boolean;
  /** Accept a leading minus (default false). */
  allowNegative?: boolean;
}

// Deliberately narrow: no exponent, sign, hex, spaces, grouping or bare point, so a value
// means exactly what it looks like and "1e3" can never become a thousand dollars.
const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

/**
 * Reads an API `Decimal` ("45.68") into exact Money. Strict by design: only
 * `/^-?\d+(\.\d+)?$/`; at most the currency's decimals, counting trailing zeros ("12.340" is
 * TOO_MANY_DECIMALS in USD); at most 1,000,000,000 major units; leading zeros are fine.
 * "-0" is zero, not negative. Checks run currency first, then shape, then value, so the
 * message names the most basic problem.
 */
export function parseMoney(
  decimal: string,
  currency: string,
  options: ParseMoneyOptions = {},
): Result<Money, MoneyParseError> {
  const { allowZero = true, allowNegative = false } = options;
  if (typeof currency !== 'string' || !Object.hasOwn(ISO_4217_CURRENCIES, currency)) {
    return refuse('UNKNOWN_CURRENCY', `"${String(currency)}" is not an ISO 4217 currency code.`);
  }
  if (typeof decimal !== 'string' || !DECIMAL_PATTERN.test(decimal)) {
    return refuse(
      'INVALID_AMOUNT',
      `"${String(decimal)}" is not an amount; write digits with an optional decimal point, like 45.68.`,
    );
  }
  const decimals = currencyDecimals(currency);
  const negative = decimal.startsWith('-');
  const digits = negative ? decimal.slice(1) : decimal;
  const point = digits.indexOf('.');
  const whole = point === -1 ? digits : digits.slice(0, point);
  const fraction = point === -1 ? '' : digits.slice(point + 1);
  if (fraction.length > decimals) {
    return refuse(
      'TOO_MANY_DECIMALS',
      decimals === 0
        ? `${currency} amounts are whole numbers; "${decimal}" has decimals.`
        : `${currency} amounts have at most ${decimals} decimal places; "${decimal}" has ${fraction.length}.`,
    );
  }
  const magnitude = BigInt(whole + fraction.padEnd(decimals, '0'));
  if (magnitude === 0n) {
    return allowZero ? ok(money(0, currency)) : refuse('ZERO', 'The amount must not be zero.');
  }
  if (negative && !allowNegative) {
    return refuse('NEGATIVE', `The amount must not be negative; got "${decimal}".`);
  }
  if (magnitude > BigInt(maxAmountMinor(currency))) {
    return refuse(
      'TOO_LARGE',
      `The amount is above the limit of 1,000,000,000 ${currency}; got "${decimal}".`,
    );
  }
  return ok(money(Number(negative ? -magnitude : magnitude), currency));
}
