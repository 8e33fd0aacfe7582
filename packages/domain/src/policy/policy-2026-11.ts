import { deepFreeze } from '../internal/deep-freeze.js';
import { EXCLUSIONS_2026_11 } from './exclusions.js';
import type { PolicyVersion } from './policy.js';

/** The policy of POLICY.md, version 2026-11. Deep-frozen: no request can alter the terms. */
export const POLICY_2026_11: PolicyVersion = deepFreeze({
  version: '2026-11',
  currency: 'USD',
  feeRateBps: 1000,
  minimumFeeMinor: 3000,
  maxCompensationPerPackageMinor: 500000,
  lossShippingShareBps: 10000,
  damageShippingShareBps: 3000,
  damageProductCapMinor: 10000,
  claimWindowHours: 24,
  unclaimedDays: 30,
  lossOverdueDays: 30,
  responseDays: 7,
  weightShortfallRatioBps: 1000,
  weightShortfallMinGrams: 50,
  quoteLifetimeMinutes: 30,
  requiredDocuments: {
    LOSS: ['PROOF_OF_PURCHASE', 'ORDER_NOTIFICATION_EMAIL'],
    PARTIAL_LOSS: [
      'PROOF_OF_PURCHASE',
      'ORDER_NOTIFICATION_EMAIL',
      'PACKAGING_PHOTO',
      'CONTENTS_PHOTO',
    ],
    DAMAGE: ['PROOF_OF_PURCHASE', 'ORDER_NOTIFICATION_EMAIL', 'PACKAGING_PHOTO', 'CONTENTS_PHOTO'],
  },
  exclusions: EXCLUSIONS_2026_11,
});
