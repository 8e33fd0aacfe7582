// The demo shop's catalogue and the money helpers its pages and checkout share.

export interface Product {
  sku: string;
  title: string;
  /** Decimal string, as the API takes it. */
  unitPrice: string;
  quantity: number;
  swatch: string;
}

export const PRODUCTS: readonly Product[] = [
  {
    sku: 'PACK-28',
    title: 'Trail backpack, 28 L',
    unitPrice: '89.00',
    quantity: 1,
    swatch: '#3b6e8f',
  },
  {
    sku: 'TEE-MERINO-M',
    title: 'Merino T-shirt, size M',
    unitPrice: '45.50',
    quantity: 2,
    swatch: '#8f5b3b',
  },
  {
    sku: 'BOTTLE-750',
    title: 'Insulated bottle, 750 ml',
    unitPrice: '24.99',
    quantity: 1,
    swatch: '#4f7d4a',
  },
];

export const FIELD = 'logistics_guarantee';
export const MAX_QUANTITY = 99;

export interface Money {
  amount: string;
  currencyCode: string;
}

export interface Guarantee {
  id: string;
  orderNumber: string;
  status: string;
  fee: Money;
  productValue: Money;
  policyVersion: string;
  purchasedAt: string;
}

export interface UserError {
  field?: string[] | null;
  message: string;
  code: string;
}

export type PurchaseOutcome =
  | { kind: 'none' }
  | { kind: 'bought'; guarantee: Guarantee }
  | { kind: 'refused'; userErrors: UserError[] }
  | { kind: 'failed'; message: string };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

export function cents(decimal: string): number {
  const [whole = '0', fraction = ''] = decimal.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
}

export function usd(minor: number): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(minor / 100);
}

export function decimal(minor: number): string {
  return (minor / 100).toFixed(2);
}

/** The cart lines from the posted quantities (unknown SKUs ignored, quantities clamped). */
export function orderedLines(form: URLSearchParams): (Product & { total: number })[] {
  return PRODUCTS.map((product) => {
    const quantity = Math.min(
      MAX_QUANTITY,
      Math.max(0, Number.parseInt(form.get(`qty_${product.sku}`) ?? '0', 10) || 0),
    );
    return { ...product, quantity, total: cents(product.unitPrice) * quantity };
  }).filter((line) => line.quantity > 0);
}
