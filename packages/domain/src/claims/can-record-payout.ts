import { assertMoney } from '../internal/assert-money.js';
import { formatMoneyLabel } from '../internal/format-money-label.js';
import type { Money } from '../money/money.js';
import { maxCompensation } from '../packages/max-compensation.js';
import type { PackageMoney } from '../packages/package-money.js';
import type { PolicyVersion } from '../policy/policy.js';
import { ok, type Result, refuse } from '../results/result.js';
import type { ClaimStatus } from './claim-vocabulary.js';
import { transitionClaim } from './transition-claim.js';

/** What `canRecordPayout` needs: the claim's approved payable and the package's paid total. */
export interface CanRecordPayoutInput {
  status: ClaimStatus;
  payable: Money;
  pkg: PackageMoney;
  alreadyPaid: Money;
  policy: PolicyVersion;
}

/**
 * R9/R21: the last guard before money leaves: an APPROVED claim becomes PAID only if the
 * package's paid total stays within what it can be paid (`maxCompensation`: the R5 amount
 * and the $5,000 cap), checked against the paid total at payout time, not at approval.
 * INVALID_TRANSITION from any other status, INVALID_INPUT for a negative payable or one in
 * another currency, CAP_REACHED when paying would exceed the limit.
 */
export function canRecordPayout(input: CanRecordPayoutInput): Result<ClaimStatus> {
  const { status, payable, pkg, alreadyPaid, policy } = input;
  const next = transitionClaim(status, 'PAY');
  if (!next.ok) return next;
  assertMoney(payable, 'payable');
  if (payable.currency !== policy.currency || payable.minor < 0) {
    return refuse(
      'INVALID_INPUT',
      `The payable must be a non-negative ${policy.currency} amount.`,
      ['payable'],
    );
  }
  const room = maxCompensation(pkg, alreadyPaid, policy);
  if (payable.minor > room.minor) {
    return refuse(
      'CAP_REACHED',
      `Paying ${formatMoneyLabel(payable)} would exceed what this package can be paid; ${formatMoneyLabel(room)} is left.`,
    );
  }
  return ok(next.value);
}
