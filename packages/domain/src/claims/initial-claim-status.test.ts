import { describe, expect, it } from 'vitest';
import { initialClaimStatus } from './initial-claim-status.js';

describe('initialClaimStatus', () => {
  it('R13 sends a claim filed with every document straight to UNDER_REVIEW', () => {
    expect(initialClaimStatus([])).toBe('UNDER_REVIEW');
  });

  it('R13 holds a claim missing any document in NEEDS_DOCUMENTS', () => {
    expect(initialClaimStatus(['CONTENTS_PHOTO'])).toBe('NEEDS_DOCUMENTS');
  });
});
