import { describe, expect, it } from 'vitest';
import { POLICY_2026_11 } from '../policy/policy-2026-11.js';
import { missingDocuments } from './missing-documents.js';

const P = POLICY_2026_11;

describe('missingDocuments', () => {
  it('R13 lists every required document when none is present', () => {
    expect(missingDocuments('DAMAGE', [], P)).toEqual([
      'PROOF_OF_PURCHASE',
      'ORDER_NOTIFICATION_EMAIL',
      'PACKAGING_PHOTO',
      'CONTENTS_PHOTO',
    ]);
  });

  it('R13 lists only what is still missing, in the policy order', () => {
    expect(missingDocuments('PARTIAL_LOSS', ['CONTENTS_PHOTO', 'PROOF_OF_PURCHASE'], P)).toEqual([
      'ORDER_NOTIFICATION_EMAIL',
      'PACKAGING_PHOTO',
    ]);
  });

  it('R13 is satisfied by the required kinds, whatever extras or duplicates come with them', () => {
    expect(
      missingDocuments(
        'LOSS',
        ['OTHER', 'ORDER_NOTIFICATION_EMAIL', 'PROOF_OF_PURCHASE', 'PROOF_OF_PURCHASE'],
        P,
      ),
    ).toEqual([]);
  });

  it('R13 never counts OTHER as a required document', () => {
    expect(missingDocuments('LOSS', ['OTHER', 'OTHER'], P)).toHaveLength(2);
  });
});
