import { ISO_4217_CURRENCIES } from '../money/currencies.js';
import type { Money } from '../money/money.js';

/**
 * Throws unless `value` is a well-formed Money. Operations call it because amounts may
 * arrive as plain objects from a database row; a malformed one is a programmer error.
 */
export function assertMoney(value: Money, name = 'amount'): void {
  if (
    value === null ||
    typeof value !== 'object' ||
    !Number.isSafeInteger(value.minor) ||
    typeof value.currency !== 'string' ||
    !Object.hasOwn(ISO_4217_CURRENCIES, value.currency)
  ) {
    throw new TypeError(
      `${name} must be integer minor units with an ISO 4217 currency, got ${JSON.stringify(value)}`,
    );
  }
}

/** Throws unless both are well-formed Money of the same currency: mixing currencies is a bug. */
export function assertSameCurrency(a: Money, b: Money, operation: string): void {
  assertMoney(a);
  assertMoney(b);
  if (a.currency !== b.currency) {
    throw new TypeError(`Cannot ${operation} ${a.currency} and ${b.currency}`);
  }
}
