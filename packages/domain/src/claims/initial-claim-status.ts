import type { ClaimStatus, DocumentKind } from './claim-vocabulary.js';

/** R13: a claim filed with every required document goes straight to review. */
export function initialClaimStatus(missing: readonly DocumentKind[]): ClaimStatus {
  return missing.length === 0 ? 'UNDER_REVIEW' : 'NEEDS_DOCUMENTS';
}
