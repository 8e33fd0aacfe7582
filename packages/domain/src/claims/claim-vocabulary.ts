// The claim vocabulary: what a claim says happened, where it is in its lifecycle, the
// adjuster's verdict and its reasons (R11), and the evidence a member uploads (R13).
// Each union has a frozen `as const` tuple of its values, so callers validate untrusted strings
// and build enums from one list: @lg/db types its enum columns with these tuples and the API
// publishes them in this order. Keep the tuples literal (`as const`, checked by `satisfies`).

/** What a claim says happened to the package. */
export type ClaimType = 'LOSS' | 'PARTIAL_LOSS' | 'DAMAGE';
/** Every {@link ClaimType}. */
export const CLAIM_TYPES = Object.freeze([
  'LOSS',
  'PARTIAL_LOSS',
  'DAMAGE',
] as const) satisfies readonly ClaimType[];

/** Where a claim is in its lifecycle. */
export type ClaimStatus = 'NEEDS_DOCUMENTS' | 'UNDER_REVIEW' | 'APPROVED' | 'REJECTED' | 'PAID';
/** Every {@link ClaimStatus}. */
export const CLAIM_STATUSES = Object.freeze([
  'NEEDS_DOCUMENTS',
  'UNDER_REVIEW',
  'APPROVED',
  'REJECTED',
  'PAID',
] as const) satisfies readonly ClaimStatus[];
/** R21: statuses that block a second claim on the same package. */
export const OPEN_CLAIM_STATUSES = Object.freeze([
  'NEEDS_DOCUMENTS',
  'UNDER_REVIEW',
  'APPROVED',
] as const) satisfies readonly ClaimStatus[];

/** An adjuster's verdict. */
export type ClaimOutcome = 'APPROVE' | 'REJECT';
/** Every {@link ClaimOutcome}. */
export const CLAIM_OUTCOMES = Object.freeze([
  'APPROVE',
  'REJECT',
] as const) satisfies readonly ClaimOutcome[];

/** R13: kinds of evidence a member can upload. */
export type DocumentKind =
  | 'PROOF_OF_PURCHASE'
  | 'ORDER_NOTIFICATION_EMAIL'
  | 'PACKAGING_PHOTO'
  | 'CONTENTS_PHOTO'
  | 'OTHER';
/** Every {@link DocumentKind}. */
export const DOCUMENT_KINDS = Object.freeze([
  'PROOF_OF_PURCHASE',
  'ORDER_NOTIFICATION_EMAIL',
  'PACKAGING_PHOTO',
  'CONTENTS_PHOTO',
  'OTHER',
] as const) satisfies readonly DocumentKind[];

/** R11: why a claim was rejected. */
export type ClaimReasonCode =
  | 'NATURAL_DETERIORATION'
  | 'NATURAL_DISASTER'
  | 'TEMPERATURE_OR_HUMIDITY'
  | 'INCORRECT_ADDRESS'
  | 'INACCURATE_ORDER_INFORMATION'
  | 'NO_SIGNATURE'
  | 'SUSPECTED_FRAUD'
  | 'BUYER_UNREACHABLE'
  | 'NO_WAREHOUSE_SIGNATURE'
  | 'ADDRESS_MISMATCH'
  | 'RECIPIENT_FAULT'
  | 'MARKET_PRICE_FLUCTUATION'
  | 'CIVIL_DISTURBANCE'
  | 'RADIOACTIVE_CONTAMINATION'
  | 'SANCTIONS'
  | 'TRADE_RESTRICTION'
  | 'CONTENTS_UNDAMAGED'
  | 'MISSING_DOCUMENTS'
  | 'CLAIM_WINDOW_EXPIRED'
  | 'PACKAGE_UNCLAIMED'
  | 'NOT_COVERED';
/** Every {@link ClaimReasonCode}, in the order POLICY R11 lists them. */
export const CLAIM_REASON_CODES = Object.freeze([
  'NATURAL_DETERIORATION',
  'NATURAL_DISASTER',
  'TEMPERATURE_OR_HUMIDITY',
  'INCORRECT_ADDRESS',
  'INACCURATE_ORDER_INFORMATION',
  'NO_SIGNATURE',
  'SUSPECTED_FRAUD',
  'BUYER_UNREACHABLE',
  'NO_WAREHOUSE_SIGNATURE',
  'ADDRESS_MISMATCH',
  'RECIPIENT_FAULT',
  'MARKET_PRICE_FLUCTUATION',
  'CIVIL_DISTURBANCE',
  'RADIOACTIVE_CONTAMINATION',
  'SANCTIONS',
  'TRADE_RESTRICTION',
  'CONTENTS_UNDAMAGED',
  'MISSING_DOCUMENTS',
  'CLAIM_WINDOW_EXPIRED',
  'PACKAGE_UNCLAIMED',
  'NOT_COVERED',
] as const) satisfies readonly ClaimReasonCode[];
