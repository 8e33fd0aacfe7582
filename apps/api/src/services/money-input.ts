import { type Money, parseMoney } from '@lg/domain';
import type { MoneyInputShape } from '../graphql/schema/money.js';
import { failure, type Outcome, success } from '../graphql/schema/user-error.js';

const reasons: Record<string, string> = {
  INVALID_AMOUNT: 'is not a decimal amount such as "45.68"',
  TOO_MANY_DECIMALS: 'has more decimals than the currency allows',
  NEGATIVE: 'must not be negative',
  ZERO: 'must be above zero',
  TOO_LARGE: 'is larger than 1,000,000,000.00',
  UNKNOWN_CURRENCY: 'has an unknown currency',
  UNSUPPORTED_CURRENCY: 'is in a currency not supported yet (only USD)',
};

/** Parses a Decimal + currency pair into Money, refusing with a userError at `field`. */
export function moneyFromInput(
  amount: string,
  currency: string,
  field: readonly string[],
  options: { allowZero?: boolean } = {},
): Outcome<Money> {
  const parsed = parseMoney(amount, currency, { allowZero: options.allowZero ?? true });
  if (parsed.ok) return success(parsed.value);
  const code = parsed.code === 'UNSUPPORTED_CURRENCY' ? 'UNSUPPORTED_CURRENCY' : 'INVALID_INPUT';
  return failure(
    code,
    `${field.at(-1) ?? 'amount'} ${reasons[parsed.code] ?? 'is invalid'}`,
    field,
  );
}

export function moneyInput(
  input: MoneyInputShape,
  field: readonly string[],
  options: { allowZero?: boolean } = {},
): Outcome<Money> {
  return moneyFromInput(input.amount, input.currencyCode, field, options);
}
