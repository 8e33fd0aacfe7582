import { ok, type Result, refuse } from '../results/result.js';
import type { ClaimStatus } from './claim-vocabulary.js';

/** What can happen to a claim. */
export type ClaimAction = 'COMPLETE_DOCUMENTS' | 'APPROVE' | 'REJECT' | 'PAY';

/** Every {@link ClaimAction}. */
export const CLAIM_ACTIONS: readonly ClaimAction[] = Object.freeze([
  'COMPLETE_DOCUMENTS',
  'APPROVE',
  'REJECT',
  'PAY',
]);

const TRANSITIONS: Readonly<Record<ClaimStatus, Partial<Record<ClaimAction, ClaimStatus>>>> = {
  NEEDS_DOCUMENTS: { COMPLETE_DOCUMENTS: 'UNDER_REVIEW', REJECT: 'REJECTED' },
  UNDER_REVIEW: { APPROVE: 'APPROVED', REJECT: 'REJECTED' },
  APPROVED: { PAY: 'PAID', REJECT: 'REJECTED' },
  REJECTED: {},
  PAID: {},
};

/**
 * The claim lifecycle: NEEDS_DOCUMENTS -COMPLETE_DOCUMENTS-> UNDER_REVIEW -APPROVE->
 * APPROVED -PAY-> PAID, and REJECT from any of the three open statuses. PAID and REJECTED
 * are final. Anything else is INVALID_TRANSITION.
 */
export function transitionClaim(from: ClaimStatus, action: ClaimAction): Result<ClaimStatus> {
  const to = Object.hasOwn(TRANSITIONS, from) ? TRANSITIONS[from][action] : undefined;
  if (to === undefined) {
    return refuse('INVALID_TRANSITION', `A claim that is ${from} can't take the action ${action}.`);
  }
  return ok(to);
}
