import type { CartLine } from '../api-client.js';

/**
 * What a framework template may set on `<logistics-guarantee>`, by the names that work
 * whether or not the element is defined yet: attributes in kebab-case (a camelCase name set
 * before the upgrade becomes a lower-cased attribute the element never reads) and `lines`,
 * which takes the array or its JSON.
 */
export interface LogisticsGuaranteeAttributes {
  /** The storefront's publishable key (`pk_test_...` / `pk_live_...`). Required. */
  'publishable-key'?: string;
  /** The GraphQL endpoint; defaults to `/graphql` on the origin that served the script. */
  'api-url'?: string;
  /** ISO 4217 currency of the cart; `USD` by default. */
  'currency-code'?: string;
  /** The cart's value as a decimal string (`"120.00"`), when no `lines` are given. */
  'product-value'?: string;
  /** The cart lines, or their JSON; win over `product-value`. */
  lines?: CartLine[] | string;
  /** The form field the quote token is submitted under. */
  name?: string;
  /** BCP 47 locale; defaults to `<html lang>`, else the browser's language. */
  locale?: string;
  /** Ticked initially (the default is unticked). */
  checked?: boolean;
}
