import { describe, expect, it } from 'vitest';
import { CLAIM_STATUSES } from './enums.js';
import { isOpenClaimStatus } from './is-open-claim-status.js';
import { isTerminalClaimStatus } from './is-terminal-claim-status.js';

describe('isOpenClaimStatus', () => {
  it('R21 counts NEEDS_DOCUMENTS, UNDER_REVIEW and APPROVED as open', () => {
    expect(CLAIM_STATUSES.filter(isOpenClaimStatus)).toEqual([
      'NEEDS_DOCUMENTS',
      'UNDER_REVIEW',
      'APPROVED',
    ]);
  });

  it('R21 makes every status either open or final, never both', () => {
    for (const status of CLAIM_STATUSES) {
      expect(isOpenClaimStatus(status)).toBe(!isTerminalClaimStatus(status));
    }
  });
});
