import { describe, expect, it } from 'vitest';
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
});
