// The vocabulary shared by the domain, the API's GraphQL enums and the widget. Each union
// has a frozen array of its values, in the order API.md lists them, so callers can
// validate untrusted strings and build enums without repeating the lists.

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

/** What a carrier reports about a package. */
export type PackageEventType = 'SHIPPED' | 'ARRIVED_AT_DESTINATION' | 'DELIVERED' | 'LOST';
/** Every {@link PackageEventType}. */
export const PACKAGE_EVENT_TYPES = Object.freeze([
  'SHIPPED',
  'ARRIVED_AT_DESTINATION',
  'DELIVERED',
  'LOST',
] as const) satisfies readonly PackageEventType[];

/** Where a package is, as derived from its events by `trackPackage`. */
export type PackageStatus =
  | 'REGISTERED'
  | 'SHIPPED'
  | 'ARRIVED_AT_DESTINATION'
  | 'DELIVERED'
  | 'LOST';
/** Every {@link PackageStatus}. */
export const PACKAGE_STATUSES = Object.freeze([
  'REGISTERED',
  'SHIPPED',
  'ARRIVED_AT_DESTINATION',
  'DELIVERED',
  'LOST',
] as const) satisfies readonly PackageStatus[];

/** R12: evidence the system raises for the adjuster; never a verdict by itself. */
export type PackageFlag =
  | 'NO_SIGNATURE'
  | 'ADDRESS_MISMATCH'
  | 'WEIGHT_SHORTFALL'
  | 'SHIPPED_BEFORE_PURCHASE';
/** Every {@link PackageFlag}, in the order `flagPackage` reports them. */
export const PACKAGE_FLAGS = Object.freeze([
  'NO_SIGNATURE',
  'ADDRESS_MISMATCH',
  'WEIGHT_SHORTFALL',
  'SHIPPED_BEFORE_PURCHASE',
] as const) satisfies readonly PackageFlag[];

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

/** Whether a guarantee still covers its packages. */
export type GuaranteeStatus = 'ACTIVE' | 'CANCELLED';
/** Every {@link GuaranteeStatus}. */
export const GUARANTEE_STATUSES = Object.freeze([
  'ACTIVE',
  'CANCELLED',
] as const) satisfies readonly GuaranteeStatus[];
