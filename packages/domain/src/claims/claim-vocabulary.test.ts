import { describe, expect, it } from 'vitest';
import {
  CLAIM_OUTCOMES,
  CLAIM_REASON_CODES,
  CLAIM_STATUSES,
  CLAIM_TYPES,
  DOCUMENT_KINDS,
  OPEN_CLAIM_STATUSES,
} from './claim-vocabulary.js';

describe('claim vocabulary', () => {
  it('lists the values the API publishes, in its order', () => {
    expect(CLAIM_TYPES).toEqual(['LOSS', 'PARTIAL_LOSS', 'DAMAGE']);
    expect(CLAIM_STATUSES).toEqual([
      'NEEDS_DOCUMENTS',
      'UNDER_REVIEW',
      'APPROVED',
      'REJECTED',
      'PAID',
    ]);
    expect(CLAIM_OUTCOMES).toEqual(['APPROVE', 'REJECT']);
    expect(DOCUMENT_KINDS).toEqual([
      'PROOF_OF_PURCHASE',
      'ORDER_NOTIFICATION_EMAIL',
      'PACKAGING_PHOTO',
      'CONTENTS_PHOTO',
      'OTHER',
    ]);
  });

  it('R21 counts the first three claim statuses as open', () => {
    expect(OPEN_CLAIM_STATUSES).toEqual(['NEEDS_DOCUMENTS', 'UNDER_REVIEW', 'APPROVED']);
  });

  it('R11 lists all 21 rejection reason codes, including R10, R13, R14, R15 and NOT_COVERED', () => {
    expect(CLAIM_REASON_CODES).toHaveLength(21);
    for (const code of [
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
    ]) {
      expect(CLAIM_REASON_CODES).toContain(code);
    }
  });

  it('is frozen so no caller can change the vocabulary', () => {
    for (const list of [
      CLAIM_TYPES,
      CLAIM_STATUSES,
      OPEN_CLAIM_STATUSES,
      CLAIM_OUTCOMES,
      DOCUMENT_KINDS,
      CLAIM_REASON_CODES,
    ]) {
      expect(Object.isFrozen(list)).toBe(true);
    }
  });
});
