import { type Money, type MoneyParseError, parseMoney } from '@lg/domain';
import { type Outcome, success, type UserErrorShape } from './outcome.js';

/** A Decimal amount with its currency, as every transport receives money. */
export interface MoneyInputShape {
  amount: string;
  currencyCode: string;
}

const reasons: Record<string, string> = {
  INVALID_AMOUNT: 'is not a decimal amount such as "45.68"',
  TOO_MANY_DECIMALS: 'has more decimals than the currency allows',
  NEGATIVE: 'must not be negative',
  ZERO: 'must be above zero',
  TOO_LARGE: 'is larger than 1,000,000,000.00',
  UNKNOWN_CURRENCY: 'has an unknown currency',
};

/** Parses a Decimal + currency pair into Money, refusing with a userError at `field`. */
function moneyFromInput(
  amount: string,
  currency: string,
  field: readonly string[],
  options: { allowZero?: boolean } = {},
): Outcome<Money> {
  const parsed = parseMoney(amount, currency, { allowZero: options.allowZero ?? true });
  if (parsed.ok) return success(parsed.value);
  return { ok: false, errors: [moneyRefusal(parsed.code, field)] };
}

/** The userError for an amount `parseMoney` refused, at `field` (named by its last part). */
export function moneyRefusal(reason: MoneyParseError, field: readonly string[]): UserErrorShape {
  return {
    code: 'INVALID_INPUT',
    message: `${field.at(-1) ?? 'amount'} ${reasons[reason] ?? 'is invalid'}`,
    field: [...field],
  };
}

export function moneyInput(
  input: MoneyInputShape,
  field: readonly string[],
  options: { allowZero?: boolean } = {},
): Outcome<Money> {
  return moneyFromInput(input.amount, input.currencyCode, field, options);
}
