import type { ClaimStatus } from './claim-vocabulary.js';

/** Whether nothing more can happen to a claim: PAID or REJECTED (R19 notifies on these). */
export function isTerminalClaimStatus(status: ClaimStatus): boolean {
  return status === 'PAID' || status === 'REJECTED';
}
