import type { ClaimReasonCode } from '../claims/claim-vocabulary.js';

/**
 * What a rejection reason is about. `EXCLUSION`: something the guarantee never covers, however
 * the claim is made (R10, R11's circumstances: disasters, sanctions, untouched contents...).
 * `CLAIM_CONDITION`: a covered loss claimed the wrong way or too late (R13 documents, R14
 * window, R15 unclaimed) or on an order without the guarantee. A shopper deciding whether to
 * buy needs the first list; the second is how to claim.
 */
export type ExclusionKind = 'EXCLUSION' | 'CLAIM_CONDITION';
/** Every {@link ExclusionKind}. */
export const EXCLUSION_KINDS = Object.freeze([
  'EXCLUSION',
  'CLAIM_CONDITION',
] as const) satisfies readonly ExclusionKind[];

const CLAIM_CONDITIONS: ReadonlySet<ClaimReasonCode> = new Set<ClaimReasonCode>([
  'MISSING_DOCUMENTS',
  'CLAIM_WINDOW_EXPIRED',
  'PACKAGE_UNCLAIMED',
  'NOT_COVERED',
]);

/**
 * The kind of a rejection reason. It follows from the code (a missing document is never a
 * circumstance), so every policy version, stored ones included, classifies alike.
 */
export function exclusionKind(code: ClaimReasonCode): ExclusionKind {
  return CLAIM_CONDITIONS.has(code) ? 'CLAIM_CONDITION' : 'EXCLUSION';
}
