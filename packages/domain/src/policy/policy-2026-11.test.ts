import { describe, expect, it } from 'vitest';
import { CLAIM_REASON_CODES } from '../claims/claim-vocabulary.js';
import { POLICY_2026_11 } from './policy-2026-11.js';

describe('POLICY_2026_11', () => {
  it('holds the defaults of POLICY.md version 2026-11', () => {
    expect(POLICY_2026_11).toMatchObject({
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
    });
  });

  it('R13 asks every claim for proof of purchase and the order email, photos for damage and partial loss', () => {
    expect(POLICY_2026_11.requiredDocuments).toEqual({
      LOSS: ['PROOF_OF_PURCHASE', 'ORDER_NOTIFICATION_EMAIL'],
      PARTIAL_LOSS: [
        'PROOF_OF_PURCHASE',
        'ORDER_NOTIFICATION_EMAIL',
        'PACKAGING_PHOTO',
        'CONTENTS_PHOTO',
      ],
      DAMAGE: [
        'PROOF_OF_PURCHASE',
        'ORDER_NOTIFICATION_EMAIL',
        'PACKAGING_PHOTO',
        'CONTENTS_PHOTO',
      ],
    });
  });

  it('R11 lists every exclusion code', () => {
    expect(POLICY_2026_11.exclusions.map((e) => e.code)).toEqual(CLAIM_REASON_CODES);
  });

  it('is deep-frozen so no request can alter the terms', () => {
    expect(Object.isFrozen(POLICY_2026_11)).toBe(true);
    expect(Object.isFrozen(POLICY_2026_11.requiredDocuments)).toBe(true);
    expect(Object.isFrozen(POLICY_2026_11.requiredDocuments.DAMAGE)).toBe(true);
    expect(Object.isFrozen(POLICY_2026_11.exclusions[0])).toBe(true);
    expect(() => {
      (POLICY_2026_11 as { feeRateBps: number }).feeRateBps = 0;
    }).toThrow(TypeError);
  });
});
