/**
 * Every business refusal the platform can return: the API's `UserErrorCode` enum. One enum so a
 * code means the same thing in the domain, the API and the widget.
 */
export const RefusalCode = {
  /** The input is malformed or outside documented limits (amount, quantity, line count...). */
  INVALID_INPUT: 'INVALID_INPUT',
  /** The currency is ISO 4217 but has no exchange rate fresh enough to sell a guarantee in it. */
  UNSUPPORTED_CURRENCY: 'UNSUPPORTED_CURRENCY',
  /** R3: a quote's price holds only until its expiry; the shopper must be quoted again. */
  QUOTE_EXPIRED: 'QUOTE_EXPIRED',
  /** R3: the quote token was altered, forged or issued for another storefront. */
  QUOTE_INVALID: 'QUOTE_INVALID',
  /** R2: one guarantee per order. */
  ORDER_ALREADY_GUARANTEED: 'ORDER_ALREADY_GUARANTEED',
  /** A retry key was reused with different input, which would hide a second purchase. */
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  /** The object does not exist, or the caller may not see it. */
  NOT_FOUND: 'NOT_FOUND',
  /** R11: no active guarantee covers this order or package. */
  NOT_COVERED: 'NOT_COVERED',
  /** R2: a guarantee can't be cancelled (or added) once a package of the order shipped. */
  PACKAGE_ALREADY_SHIPPED: 'PACKAGE_ALREADY_SHIPPED',
  /** R14: damage and partial-loss claims must be filed within 24 hours of delivery. */
  CLAIM_WINDOW_EXPIRED: 'CLAIM_WINDOW_EXPIRED',
  /** R15: the package waited at the destination more than 30 days. */
  PACKAGE_UNCLAIMED: 'PACKAGE_UNCLAIMED',
  /** R16: a loss claim needs a carrier loss report or an overdue package. */
  LOSS_NOT_YET_CLAIMABLE: 'LOSS_NOT_YET_CLAIMABLE',
  /** R14: there is nothing to claim damage or partial loss on before delivery. */
  NOT_DELIVERED: 'NOT_DELIVERED',
  /** R16: a delivered package is not lost. */
  ALREADY_DELIVERED: 'ALREADY_DELIVERED',
  /** R21: one open claim per package at a time. */
  CLAIM_ALREADY_OPEN: 'CLAIM_ALREADY_OPEN',
  /** The claim lifecycle does not allow this step from the claim's current status. */
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  /** R7/R8: partial loss and damage are paid on an audited amount the adjuster must enter. */
  AMOUNT_REQUIRED: 'AMOUNT_REQUIRED',
  /** R11: a rejection must say which exclusion applies. */
  REASON_REQUIRED: 'REASON_REQUIRED',
  /** R13: a document is referenced before its bytes were uploaded. */
  DOCUMENT_NOT_UPLOADED: 'DOCUMENT_NOT_UPLOADED',
  /** A tracking number identifies one package; registering it twice would split its claims. */
  DUPLICATE_TRACKING_NUMBER: 'DUPLICATE_TRACKING_NUMBER',
  /** The guarantee was cancelled, so it no longer covers its packages. */
  GUARANTEE_CANCELLED: 'GUARANTEE_CANCELLED',
  /** R9/R21: the package has already been paid all it can be paid. */
  CAP_REACHED: 'CAP_REACHED',
  /** A claim holds a bounded number of documents, to keep review and storage sane. */
  TOO_MANY_DOCUMENTS: 'TOO_MANY_DOCUMENTS',
  /** R1/R3: the quote priced another product value than the order's, per the storefront's server. */
  QUOTE_MISMATCH: 'QUOTE_MISMATCH',
  /** R2: a quote buys one guarantee; a replayed token would cover orders nobody quoted. */
  QUOTE_ALREADY_USED: 'QUOTE_ALREADY_USED',
  /** R5/R6: an order's packages share its guaranteed value; together they can't exceed it. */
  PACKAGE_VALUE_EXCEEDS_ORDER: 'PACKAGE_VALUE_EXCEEDS_ORDER',
} as const;

/** One business refusal code. */
export type RefusalCode = (typeof RefusalCode)[keyof typeof RefusalCode];

/** Every refusal code, in declaration order (for GraphQL enums and exhaustive tests). */
export const REFUSAL_CODES: readonly RefusalCode[] = Object.freeze(Object.values(RefusalCode));
