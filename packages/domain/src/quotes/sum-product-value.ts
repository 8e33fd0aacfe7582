import { assertMoney } from '../internal/assert-money.js';
import { maxAmountMinor } from '../money/max-amount-minor.js';
import { type Money, money } from '../money/money.js';
import { ok, type Result, refuse } from '../results/result.js';

/** One cart line: what R1's product value is summed from. */
export interface CartLine {
  unitPrice: Money;
  quantity: number;
}

/** Most lines one quote may carry; the API refuses longer carts before summing. */
export const MAX_CART_LINES = 100;
/** Most units of one line. */
const MAX_LINE_QUANTITY = 10_000;

/**
 * R1: the product value, the sum of unit price x quantity over the cart (shipping, taxes and
 * the fee are never lines). Refuses with INVALID_INPUT and the offending path: no lines or
 * more than 100, a quantity outside 1..10,000, a negative price, mixed currencies, or a
 * total above the 1,000,000,000 limit. Zero-priced lines (free gifts) are fine.
 */
export function sumProductValue(lines: readonly CartLine[]): Result<Money> {
  if (!Array.isArray(lines) || lines.length === 0 || lines.length > MAX_CART_LINES) {
    return refuse('INVALID_INPUT', `A cart needs 1 to ${MAX_CART_LINES} lines.`, ['lines']);
  }
  const first = lines[0] as CartLine;
  assertMoney(first.unitPrice, 'unitPrice');
  const currency = first.unitPrice.currency;
  // BigInt so that even absurd input can't overflow before the limit check refuses it.
  let total = 0n;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] as CartLine;
    assertMoney(line.unitPrice, 'unitPrice');
    if (
      !Number.isSafeInteger(line.quantity) ||
      line.quantity < 1 ||
      line.quantity > MAX_LINE_QUANTITY
    ) {
      return refuse(
        'INVALID_INPUT',
        `Quantity must be a whole number from 1 to ${MAX_LINE_QUANTITY}.`,
        lineField(index, 'quantity'),
      );
    }
    if (line.unitPrice.currency !== currency) {
      return refuse(
        'INVALID_INPUT',
        `Every line must be in ${currency}; this one is in ${line.unitPrice.currency}.`,
        lineField(index, 'unitPrice'),
      );
    }
    if (line.unitPrice.minor < 0) {
      return refuse(
        'INVALID_INPUT',
        'A unit price must not be negative.',
        lineField(index, 'unitPrice'),
      );
    }
    total += BigInt(line.unitPrice.minor) * BigInt(line.quantity);
  }
  if (total > BigInt(maxAmountMinor(currency))) {
    return refuse(
      'INVALID_INPUT',
      `The cart total is above the limit of 1,000,000,000 ${currency}.`,
      ['lines'],
    );
  }
  return ok(money(Number(total), currency));
}

function lineField(index: number, name: string): string[] {
  return ['lines', `${index}`, name];
}
