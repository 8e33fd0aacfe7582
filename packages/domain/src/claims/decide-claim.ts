import { type Money, money } from '../money/money.js';
import type { PackageMoney } from '../packages/package-money.js';
import type { PolicyVersion } from '../policy/policy.js';
import { ok, type Result, refuse } from '../results/result.js';
import {
  CLAIM_REASON_CODES,
  type ClaimOutcome,
  type ClaimReasonCode,
  type ClaimStatus,
  type ClaimType,
} from './claim-vocabulary.js';
import { type CompensationLine, computeCompensation } from './compute-compensation.js';
import { transitionClaim } from './transition-claim.js';

/** An adjuster's decision as recorded on the claim. */
interface ClaimDecision {
  outcome: ClaimOutcome;
  /** The claim's status after the decision: APPROVED or REJECTED. */
  status: ClaimStatus;
  /** Zero on REJECT. */
  payable: Money;
  /** R11 codes on REJECT; empty on APPROVE. */
  reasonCodes: ClaimReasonCode[];
  /** Empty on REJECT. */
  breakdown: CompensationLine[];
}

/** What `decideClaim` needs. */
export interface DecideClaimInput {
  status: ClaimStatus;
  type: ClaimType;
  outcome: ClaimOutcome;
  auditedAmount?: Money | null;
  reasonCodes?: readonly ClaimReasonCode[] | null;
  pkg: PackageMoney;
  alreadyPaid: Money;
  policy: PolicyVersion;
}

/**
 * Decides a claim (R5-R11 and the lifecycle).
 * - APPROVE: only from UNDER_REVIEW (documents complete), else INVALID_TRANSITION; the
 *   payable comes from `computeCompensation` (AMOUNT_REQUIRED, CAP_REACHED, INVALID_INPUT).
 *   Reason codes explain rejections, so passing any with an approval is INVALID_INPUT
 *   rather than silently dropped.
 * - REJECT: from NEEDS_DOCUMENTS, UNDER_REVIEW or APPROVED, else INVALID_TRANSITION; needs
 *   at least one R11 code (REASON_REQUIRED), unknown codes are INVALID_INPUT, duplicates are
 *   dropped keeping the first order; pays zero with an empty breakdown. Any R11 code may be
 *   used, including CONTENTS_UNDAMAGED (R10) and MISSING_DOCUMENTS (R13).
 */
export function decideClaim(input: DecideClaimInput): Result<ClaimDecision> {
  const { status, type, outcome, auditedAmount, pkg, alreadyPaid, policy } = input;
  const reasonCodes = input.reasonCodes ?? [];
  if (outcome !== 'APPROVE' && outcome !== 'REJECT') {
    throw new TypeError(`Unknown claim outcome: ${String(outcome)}`);
  }
  const next = transitionClaim(status, outcome);
  if (!next.ok) return next;

  if (outcome === 'APPROVE') {
    if (reasonCodes.length > 0) {
      return refuse(
        'INVALID_INPUT',
        'Reason codes explain a rejection; leave them out to approve.',
        ['reasonCodes'],
      );
    }
    const compensation = computeCompensation({ type, pkg, auditedAmount, alreadyPaid, policy });
    if (!compensation.ok) return compensation;
    return ok({
      outcome,
      status: next.value,
      payable: compensation.value.payable,
      reasonCodes: [],
      breakdown: compensation.value.breakdown,
    });
  }

  if (reasonCodes.length === 0) {
    return refuse('REASON_REQUIRED', 'Give at least one reason code to reject a claim.', [
      'reasonCodes',
    ]);
  }
  const unique: ClaimReasonCode[] = [];
  for (const [index, code] of reasonCodes.entries()) {
    if (!CLAIM_REASON_CODES.includes(code)) {
      return refuse('INVALID_INPUT', `"${String(code)}" is not a claim reason code.`, [
        'reasonCodes',
        `${index}`,
      ]);
    }
    if (!unique.includes(code)) unique.push(code);
  }
  return ok({
    outcome,
    status: next.value,
    payable: money(0, policy.currency),
    reasonCodes: unique,
    breakdown: [],
  });
}
