import type { ClaimType, DocumentKind } from '../claims/claim-vocabulary.js';
import type { Exclusion } from './exclusions.js';

/**
 * Every number of the terms for one published policy version. A guarantee keeps the
 * version it was bought under for life, so rules take the policy as an argument instead of
 * reading constants. Amounts are minor units of `currency`; rates are basis points.
 */
export interface PolicyVersion {
  /** e.g. '2026-11'. */
  version: string;
  /** ISO 4217 code the amounts below are in. */
  currency: string;
  /** R1: fee rate, 1000 = 10%. */
  feeRateBps: number;
  /** R1: minimum fee. */
  minimumFeeMinor: number;
  /** R9: most a package is paid across all its claims. */
  maxCompensationPerPackageMinor: number;
  /** R5: share of the shipping fee paid on complete loss, 10000 = 100%. */
  lossShippingShareBps: number;
  /** R8: share of the shipping fee in the damage limit, 3000 = 30%. */
  damageShippingShareBps: number;
  /** R8: product part of the damage limit. */
  damageProductCapMinor: number;
  /** R14: hours after delivery to file a damage or partial-loss claim. */
  claimWindowHours: number;
  /** R15: days after arrival after which an undelivered package is unclaimed. */
  unclaimedDays: number;
  /** R16: days after shipping after which an undelivered package counts as lost. */
  lossOverdueDays: number;
  /** R17: days to decide once all documents are in. */
  responseDays: number;
  /** R7: a shortfall must exceed this share of the estimate, 1000 = 10%. */
  weightShortfallRatioBps: number;
  /** R7: ... and exceed this many grams. */
  weightShortfallMinGrams: number;
  /** R3: how long a quote's price holds. */
  quoteLifetimeMinutes: number;
  /** R13: documents every claim of a type needs. */
  requiredDocuments: Readonly<Record<ClaimType, readonly DocumentKind[]>>;
  /** R11: every rejection reason with its wording. */
  exclusions: readonly Exclusion[];
}
