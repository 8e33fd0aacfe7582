import { describe, expect, it } from 'vitest';
import { POLICY_2026_11 } from '../policy/policy-2026-11.js';
import type { ClaimType } from './claim-vocabulary.js';
import { requiredDocuments } from './required-documents.js';

describe('requiredDocuments', () => {
  it('R13 asks a loss claim for proof of purchase and the order notification email', () => {
    expect(requiredDocuments('LOSS', POLICY_2026_11)).toEqual([
      'PROOF_OF_PURCHASE',
      'ORDER_NOTIFICATION_EMAIL',
    ]);
  });

  it('R13 also asks damage and partial-loss claims for packaging and contents photos', () => {
    for (const type of ['DAMAGE', 'PARTIAL_LOSS'] as const) {
      expect(requiredDocuments(type, POLICY_2026_11)).toEqual([
        'PROOF_OF_PURCHASE',
        'ORDER_NOTIFICATION_EMAIL',
        'PACKAGING_PHOTO',
        'CONTENTS_PHOTO',
      ]);
    }
  });

  it('throws on an unknown claim type', () => {
    expect(() => requiredDocuments('THEFT' as ClaimType, POLICY_2026_11)).toThrow(TypeError);
  });
});
