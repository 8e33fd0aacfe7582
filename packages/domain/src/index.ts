// @lg/domain: every rule of the Logistics Guarantee terms (POLICY.md R1-R21) as pure
// functions. No I/O, no clock: callers pass `now`.

// Money
export { addMoney } from './add-money.js';
// Packages (R5-R9, R12)
export { addressesMatch, type PostalAddress } from './addresses-match.js';
export { allocateMoney } from './allocate-money.js';
// Claims (R10-R21)
export {
  type AssessClaimEligibilityInput,
  assessClaimEligibility,
  type ClaimEligibility,
} from './assess-claim-eligibility.js';
// Policy
export { BUILT_IN_POLICIES, CURRENT_POLICY_VERSION } from './built-in-policies.js';
export { type CanRecordPayoutInput, canRecordPayout } from './can-record-payout.js';
export { claimReference } from './claim-reference.js';
// Results and codes
export { REFUSAL_CODES, RefusalCode } from './codes.js';
export { compareMoney } from './compare-money.js';
export {
  type Compensation,
  type CompensationLine,
  type ComputeCompensationInput,
  computeCompensation,
} from './compute-compensation.js';
export { ISO_4217_CURRENCIES, SUPPORTED_CURRENCIES } from './currencies.js';
export { currencyDecimals } from './currency-decimals.js';
export { type ClaimDecision, type DecideClaimInput, decideClaim } from './decide-claim.js';
export { decisionDueAt } from './decision-due-at.js';
export { documentAcceptsContentType } from './document-accepts-content-type.js';
// Enums
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
  GUARANTEE_STATUSES,
  type GuaranteeStatus,
  OPEN_CLAIM_STATUSES,
  PACKAGE_EVENT_TYPES,
  PACKAGE_FLAGS,
  PACKAGE_STATUSES,
  type PackageEventType,
  type PackageFlag,
  type PackageStatus,
} from './enums.js';
export { EXCLUSIONS_2026_11, type Exclusion } from './exclusions.js';
export { type FlagPackageInput, flagPackage } from './flag-package.js';
export { formatDecimal } from './format-decimal.js';
export { getPolicyVersion } from './get-policy-version.js';
export { initialClaimStatus } from './initial-claim-status.js';
export { isDecisionOverdue } from './is-decision-overdue.js';
export { isOpenClaimStatus } from './is-open-claim-status.js';
export { isTerminalClaimStatus } from './is-terminal-claim-status.js';
export { isWeightShortfall } from './is-weight-shortfall.js';
export { isZeroMoney } from './is-zero-money.js';
export { KEEP_EVIDENCE_NOTICE } from './keep-evidence-notice.js';
export { lossCompensation } from './loss-compensation.js';
export { maxAmountMinor } from './max-amount-minor.js';
export { maxCompensation } from './max-compensation.js';
export { maxMoney } from './max-money.js';
export { minMoney } from './min-money.js';
export { missingDocuments } from './missing-documents.js';
export { MAX_AMOUNT_MAJOR_UNITS, MAX_AMOUNT_MINOR_UNITS, type Money, money } from './money.js';
export { multiplyMoney } from './multiply-money.js';
export type { PackageMoney } from './package-money.js';
export { type MoneyParseError, type ParseMoneyOptions, parseMoney } from './parse-money.js';
export { percentOfMoney } from './percent-of-money.js';
export type { PolicyVersion } from './policy.js';
export { POLICY_2026_11 } from './policy-2026-11.js';
export { quoteExpiresAt } from './quote-expires-at.js';
// Buying (R1, R3)
export { type FeeQuote, quoteFee } from './quote-fee.js';
export { requiredDocuments } from './required-documents.js';
export { type Ok, ok, type Refusal, type Result, refuse } from './result.js';
export { subtractMoney } from './subtract-money.js';
export {
  type CartLine,
  MAX_CART_LINES,
  MAX_LINE_QUANTITY,
  sumProductValue,
} from './sum-product-value.js';
export { type PackageEvent, type PackageTracking, trackPackage } from './track-package.js';
export { CLAIM_ACTIONS, type ClaimAction, transitionClaim } from './transition-claim.js';
export { validatePolicy } from './validate-policy.js';
export { zeroMoney } from './zero-money.js';
