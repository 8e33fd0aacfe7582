import { type ClaimStatus, OPEN_CLAIM_STATUSES } from './enums.js';

/** R21: whether a claim in this status blocks another claim on its package. */
export function isOpenClaimStatus(status: ClaimStatus): boolean {
  return (OPEN_CLAIM_STATUSES as readonly ClaimStatus[]).includes(status);
}
