// The cart the framework tests quote: $57.50 in two lines, on a page whose product-value
// says $30.00, so a quote of the wrong cart shows in the request.
import type { CartLine } from '../api-client.js';

export const CART: CartLine[] = [
  { sku: 'TEE-1', title: 'T-shirt', unitPrice: '20.00', quantity: 2 },
  { sku: 'SOCK-3', title: 'Socks', unitPrice: '17.50', quantity: 1 },
];

/** The line the pages' "Add a cap" button adds: the cart becomes $70.00. */
export const CAP: CartLine = { sku: 'CAP-2', title: 'Cap', unitPrice: '12.50', quantity: 1 };

/** What the page's product-value attribute claims, and what must never be quoted. */
export const PRODUCT_VALUE = '30.00';
