import { describe, expect, it } from 'vitest';
import { CLAIM_STATUSES, OPEN_CLAIM_STATUSES } from './claim-vocabulary.js';
import { isTerminalClaimStatus } from './is-terminal-claim-status.js';

describe('isTerminalClaimStatus', () => {
  it('R19 treats PAID and REJECTED as completed claims', () => {
    expect(isTerminalClaimStatus('PAID')).toBe(true);
    expect(isTerminalClaimStatus('REJECTED')).toBe(true);
  });

  it('treats the open statuses as not final', () => {
    expect(isTerminalClaimStatus('NEEDS_DOCUMENTS')).toBe(false);
    expect(isTerminalClaimStatus('UNDER_REVIEW')).toBe(false);
    expect(isTerminalClaimStatus('APPROVED')).toBe(false);
  });

  it('R21 makes every status either open or final, never both', () => {
    for (const status of CLAIM_STATUSES) {
      const open = (OPEN_CLAIM_STATUSES as readonly string[]).includes(status);
      expect({ status, open }).toEqual({ status, open: !isTerminalClaimStatus(status) });
    }
  });
});
