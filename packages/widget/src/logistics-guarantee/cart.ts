import type { CartLine } from '../api-client.js';

const DECIMAL = /^\d+(\.\d+)?$/;

/** What {@link cartOf} answers when `lines` holds something other than cart lines. */
export const UNREADABLE = '?';

/**
 * Why nothing is quoted when `lines` is unreadable. Typically a framework rendered before
 * the script loaded, saw no `lines` property and set the attribute to "[object Object]".
 */
export const UNREADABLE_LINES =
  '<logistics-guarantee>: unreadable lines, nothing quoted: set the lines property (Vue: :lines.prop) or load the script first.';

/**
 * The cart a quote is made for, as the JSON of its lines: `''` when there is nothing to
 * quote, {@link UNREADABLE} when `lines` is set but holds no array. `lines` (an array or its
 * JSON) wins over `productValue`; an unreadable `lines` never falls back to it, since the
 * storefront meant to quote lines and the product value may not be that cart's.
 */
export function cartOf(lines: unknown, productValue: string): string {
  const value = productValue.trim();
  if (typeof lines === 'string') {
    try {
      lines = JSON.parse(lines);
    } catch {
      // Not JSON: refused below, like any other value that is not an array.
    }
  }
  lines ??=
    DECIMAL.test(value) && +value > 0 ? [{ title: 'Cart', unitPrice: value, quantity: 1 }] : [];
  if (!Array.isArray(lines)) return UNREADABLE;
  const cart = (lines as CartLine[])
    .filter((line) => line?.quantity > 0)
    // Only the fields the API knows: storefronts often pass their own line objects.
    .map(({ sku, title, unitPrice, quantity }) => ({
      sku,
      title,
      unitPrice: String(unitPrice),
      quantity,
    }));
  return cart.length ? JSON.stringify(cart) : '';
}
