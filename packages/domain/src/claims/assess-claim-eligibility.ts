import { addMilliseconds, assertValidDate, DAY_MS, HOUR_MS } from '../internal/time.js';
import type { Money } from '../money/money.js';
import { lossCompensation } from '../packages/loss-compensation.js';
import { maxCompensation } from '../packages/max-compensation.js';
import type { PackageMoney } from '../packages/package-money.js';
import type { PackageTracking } from '../packages/track-package.js';
import type { PolicyVersion } from '../policy/policy.js';
import type { GuaranteeStatus } from '../quotes/guarantee-vocabulary.js';
import type { RefusalCode } from '../results/codes.js';
import type { ClaimType } from './claim-vocabulary.js';
import { computeCompensation } from './compute-compensation.js';

/** Whether a claim may be filed now, and if not, every reason why. */
export interface ClaimEligibility {
  eligible: boolean;
  /** Most fundamental first; empty iff eligible. */
  reasons: RefusalCode[];
  /**
   * The last instant a claim of this type can be filed, or null when no deadline is known
   * yet. DAMAGE/PARTIAL_LOSS: delivery + 24 h (R14). LOSS: arrival + 30 days while the
   * package waits undelivered at the destination (R15), else null.
   */
  deadline: Date | null;
  /**
   * The first instant a claim of this type can be filed, or null while unknown.
   * DAMAGE/PARTIAL_LOSS: delivery. LOSS: the carrier's loss report or shipping + 30 days,
   * whichever is earlier (R16). Null for a delivered package's loss claim.
   */
  claimableFrom: Date | null;
  /**
   * The most a claim of this type could pay now: what approving it would pay at the highest
   * audited amount that counts (the complete-loss amount, R7/R8). LOSS and PARTIAL_LOSS: the
   * R5/R6 amount; DAMAGE also R8's limit; both then R9 less what the package was paid.
   */
  maxPayable: Money;
}

/** What `assessClaimEligibility` needs. */
export interface AssessClaimEligibilityInput {
  type: ClaimType;
  now: Date;
  guaranteeStatus: GuaranteeStatus;
  tracking: PackageTracking;
  pkg: PackageMoney;
  alreadyPaid: Money;
  policy: PolicyVersion;
}

/**
 * R14-R16 and coverage: may this claim be filed at `now`? Reasons, in this fixed order
 * (coverage, then the package's state, then time limits, then money):
 * 1. GUARANTEE_CANCELLED: the guarantee was cancelled. (No guarantee at all is the caller's
 *    NOT_COVERED: this function is only asked about packages that have one.)
 * 2. DAMAGE/PARTIAL_LOSS: NOT_DELIVERED before delivery. LOSS: ALREADY_DELIVERED once
 *    delivered; otherwise claimable once reported LOST or at shipping + 30 days (exactly
 *    30 days is claimable), else LOSS_NOT_YET_CLAIMABLE (also when not shipped yet).
 * 3. PACKAGE_UNCLAIMED (R15, any type): delivered more than 30 days after arriving, or
 *    still undelivered more than 30 days after arriving at `now`; exactly 30 days is fine.
 * 4. CLAIM_WINDOW_EXPIRED (R14, DAMAGE/PARTIAL_LOSS): `now` is after delivery + 24 h;
 *    exactly 24 h is still in time.
 * 5. CAP_REACHED (R9): nothing is left to pay on the package.
 */
export function assessClaimEligibility(input: AssessClaimEligibilityInput): ClaimEligibility {
  const { type, now, guaranteeStatus, tracking, pkg, alreadyPaid, policy } = input;
  assertValidDate(now, 'now');
  const t = now.getTime();
  const reasons: RefusalCode[] = [];
  let deadline: Date | null = null;
  let claimableFrom: Date | null = null;
  const { shippedAt, arrivedAt, deliveredAt, lostAt } = tracking;

  if (guaranteeStatus === 'CANCELLED') reasons.push('GUARANTEE_CANCELLED');

  let windowExpired = false;
  if (type === 'LOSS') {
    if (deliveredAt !== null) {
      reasons.push('ALREADY_DELIVERED');
    } else {
      const overdueAt =
        shippedAt === null ? null : addMilliseconds(shippedAt, policy.lossOverdueDays * DAY_MS);
      const candidates = [lostAt, overdueAt].filter((d): d is Date => d !== null);
      claimableFrom =
        candidates.length === 0 ? null : new Date(Math.min(...candidates.map((d) => d.getTime())));
      const claimable =
        tracking.status === 'LOST' || (overdueAt !== null && t >= overdueAt.getTime());
      if (!claimable) reasons.push('LOSS_NOT_YET_CLAIMABLE');
      if (arrivedAt !== null) {
        deadline = addMilliseconds(arrivedAt, policy.unclaimedDays * DAY_MS);
      }
    }
  } else if (deliveredAt === null) {
    reasons.push('NOT_DELIVERED');
  } else {
    claimableFrom = deliveredAt;
    deadline = addMilliseconds(deliveredAt, policy.claimWindowHours * HOUR_MS);
    windowExpired = t > deadline.getTime();
  }

  if (arrivedAt !== null) {
    const collectedOrNow = deliveredAt === null ? t : deliveredAt.getTime();
    if (collectedOrNow - arrivedAt.getTime() > policy.unclaimedDays * DAY_MS) {
      reasons.push('PACKAGE_UNCLAIMED');
    }
  }
  if (windowExpired) reasons.push('CLAIM_WINDOW_EXPIRED');

  const room = maxCompensation(pkg, alreadyPaid, policy);
  if (room.minor === 0) reasons.push('CAP_REACHED');
  const maxPayable = maxPayableFor(input, room);

  return { eligible: reasons.length === 0, reasons, deadline, claimableFrom, maxPayable };
}

/** Approving at the complete-loss amount leaves only the claim type's own limits to apply. */
function maxPayableFor(input: AssessClaimEligibilityInput, room: Money): Money {
  if (room.minor === 0) return room;
  const { type, pkg, alreadyPaid, policy } = input;
  const approved = computeCompensation({
    type,
    pkg,
    auditedAmount: lossCompensation(pkg, policy),
    alreadyPaid,
    policy,
  });
  // The amounts were checked above; a refusal here would be a broken invariant.
  if (!approved.ok) throw new Error(`maxPayable: ${approved.message}`);
  return approved.value.payable;
}
