// @lg/domain: every rule of the Logistics Guarantee terms (POLICY.md R1-R21) as pure
// functions. No I/O, no clock: callers pass `now`. This is the package's only entry point and
// exports what the API, the database schema and the widget use; the rest stays inside.

// Claims: eligibility, documents, decisions, payouts and the lifecycle (R10-R21).
export {
  assessClaimEligibility,
  type ClaimEligibility,
} from './claims/assess-claim-eligibility.js';
export { canRecordPayout } from './claims/can-record-payout.js';
export { claimReference } from './claims/claim-reference.js';
export {
  CLAIM_OUTCOMES,
  CLAIM_REASON_CODES,
  CLAIM_STATUSES,
  CLAIM_TYPES,
  type ClaimOutcome,
  type ClaimReasonCode,
  type ClaimStatus,
  type ClaimType,
  DOCUMENT_KINDS,
  type DocumentKind,
  OPEN_CLAIM_STATUSES,
} from './claims/claim-vocabulary.js';
export type { CompensationLine } from './claims/compute-compensation.js';
export { decideClaim } from './claims/decide-claim.js';
export { decisionDueAt } from './claims/decision-due-at.js';
export { documentAcceptsContentType } from './claims/document-accepts-content-type.js';
export { initialClaimStatus } from './claims/initial-claim-status.js';
export { isDecisionOverdue } from './claims/is-decision-overdue.js';
export { isTerminalClaimStatus } from './claims/is-terminal-claim-status.js';
export { KEEP_EVIDENCE_NOTICE } from './claims/keep-evidence-notice.js';
export { missingDocuments } from './claims/missing-documents.js';
export { transitionClaim } from './claims/transition-claim.js';
// Claims by email: the subject, claim type and evidence read from a member's mail (R13, R20).
export { attachmentDocumentKind } from './email/attachment-document-kind.js';
export { claimTypeInText } from './email/claim-type-in-text.js';
export { type MessageLanguage, messageLanguage } from './email/message-language.js';
export { type ClaimSubject, parseClaimSubject } from './email/parse-claim-subject.js';
// Exchange rates: the terms' USD amounts in other currencies, at a rate kept for life.
export { convertFromUsd } from './exchange/convert-from-usd.js';
export { type ExchangeRate, RATE_DECIMALS } from './exchange/exchange-rate.js';
export { formatRate } from './exchange/format-rate.js';
export { isRateFresh, RATE_CLOCK_SKEW_MS } from './exchange/is-rate-fresh.js';
export { parseRate } from './exchange/parse-rate.js';
export { ratesPerUsd } from './exchange/rates-per-usd.js';
// Money: integer minor units with an ISO 4217 currency.
export { ISO_4217_CURRENCIES } from './money/currencies.js';
export { formatDecimal } from './money/format-decimal.js';
export { maxAmountMinor } from './money/max-amount-minor.js';
export { type Money, money } from './money/money.js';
export { type MoneyParseError, parseMoney } from './money/parse-money.js';
// Packages: tracking, flags and what a package can be paid (R5-R9, R12, R16).
export type { PostalAddress } from './packages/addresses-match.js';
export { deliveryAddressKey } from './packages/delivery-address-key.js';
export { flagPackage } from './packages/flag-package.js';
export { maxCompensation } from './packages/max-compensation.js';
export { packageFitsOrder } from './packages/package-fits-order.js';
export type { PackageMoney } from './packages/package-money.js';
export {
  PACKAGE_EVENT_TYPES,
  PACKAGE_FLAGS,
  PACKAGE_STATUSES,
  type PackageEventType,
  type PackageFlag,
} from './packages/package-vocabulary.js';
export { trackPackage } from './packages/track-package.js';
// Policy versions (the numbers of R1-R21) and their validation.
export { BUILT_IN_POLICIES, CURRENT_POLICY_VERSION } from './policy/built-in-policies.js';
export {
  EXCLUSION_KINDS,
  type ExclusionKind,
  exclusionKind,
} from './policy/exclusion-kind.js';
export type { Exclusion, ExclusionWording } from './policy/exclusions.js';
export type { PolicyVersion } from './policy/policy.js';
export { POLICY_2026_11 } from './policy/policy-2026-11.js';
export { policyInCurrency } from './policy/policy-in-currency.js';
export { validatePolicy } from './policy/validate-policy.js';
// Quotes and guarantees (R1, R3).
export { GUARANTEE_STATUSES } from './quotes/guarantee-vocabulary.js';
export { quoteExpiresAt } from './quotes/quote-expires-at.js';
export { type FeeQuote, quoteFee } from './quotes/quote-fee.js';
export { type CartLine, MAX_CART_LINES, sumProductValue } from './quotes/sum-product-value.js';
// Reports: the ratios of the loss report, exact to four places.
export { lossRatio } from './reports/loss-ratio.js';
export { ratioDecimal } from './reports/ratio-decimal.js';
// Results: business refusals are values, with one list of codes.
export { REFUSAL_CODES, RefusalCode } from './results/codes.js';
// Risk signals: evidence for an adjuster weighing SUSPECTED_FRAUD (R11); they never decide.
export { addressSharedByMembers } from './risk/address-shared-by-members.js';
export { claimSoonAfterDelivery } from './risk/claim-soon-after-delivery.js';
export { descriptionFingerprint } from './risk/description-fingerprint.js';
export { descriptionReused } from './risk/description-reused.js';
export { highValueFirstOrder } from './risk/high-value-first-order.js';
export { type EarlierClaim, memberClaimVelocity } from './risk/member-claim-velocity.js';
export {
  RISK_SIGNAL_CODES,
  type RiskSignal,
  type RiskSignalCode,
} from './risk/risk-signal-vocabulary.js';
export { RISK_THRESHOLDS } from './risk/risk-thresholds.js';
export { weightShortfallSignal } from './risk/weight-shortfall-signal.js';
