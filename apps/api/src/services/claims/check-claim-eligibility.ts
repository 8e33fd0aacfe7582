// claimEligibility: would a claim be accepted now, and if not, why. Filing asks the same
// question inside its transaction (file-claim.ts).
import type { GuaranteeRow, PackageRow } from '@lg/db';
import {
  assessClaimEligibility,
  type ClaimEligibility,
  type ClaimType,
  computeCompensation,
  lossCompensation,
  type Money,
  type PackageMoney,
  type PolicyVersion,
  type RefusalCode,
  zeroMoney,
} from '@lg/domain';
import type { App } from '../../app.js';
import { packageMoney, paidSoFar } from '../package-money.js';
import { trackingOf } from '../packages.js';
import { type Claimant, loadCoveredPackage } from './store.js';

/**
 * The domain's answer (R14-R16) for a claim of `type` on this package at `now`, with
 * `maxPayable` for that type: a damage claim is also held to R8's limit.
 */
export function assessClaim(
  app: App,
  type: ClaimType,
  pkg: PackageRow,
  guarantee: GuaranteeRow,
  now: Date,
): ClaimEligibility {
  const policy = app.policies.require(guarantee.policyVersion);
  const amounts = packageMoney(pkg);
  const alreadyPaid = paidSoFar(pkg);
  const eligibility = assessClaimEligibility({
    type,
    now,
    guaranteeStatus: guarantee.status,
    tracking: trackingOf(pkg),
    pkg: amounts,
    alreadyPaid,
    policy,
  });
  return { ...eligibility, maxPayable: maxPayableFor(type, amounts, alreadyPaid, policy) };
}

/**
 * The most a claim of `type` could be paid now: what approving it would pay at the highest
 * audited amount that counts. No audited amount is paid beyond the complete-loss amount
 * (R7, R8), so auditing at that amount leaves only the type's own limits: R5/R6 for a loss or
 * partial loss, also R8 for damage, then R9 less what the package was already paid.
 */
function maxPayableFor(
  type: ClaimType,
  pkg: PackageMoney,
  alreadyPaid: Money,
  policy: PolicyVersion,
): Money {
  const compensation = computeCompensation({
    type,
    pkg,
    auditedAmount: lossCompensation(pkg, policy),
    alreadyPaid,
    policy,
  });
  if (compensation.ok) return compensation.value.payable;
  if (compensation.code === 'CAP_REACHED') return zeroMoney(policy.currency);
  throw new Error(`a package's own amounts were refused: ${compensation.message}`);
}

export interface EligibilityAnswer {
  /** Null when the package has no guarantee the asker may claim on. */
  eligibility: ClaimEligibility | null;
  /** Empty iff a claim would be accepted. */
  reasons: RefusalCode[];
}

/**
 * Whether `type` could be claimed on the package now. A member asks for themselves; a
 * storefront names the member who would file, or asks about any of its packages.
 */
export async function checkClaimEligibility(
  app: App,
  actor: Claimant,
  trackingNumber: string,
  type: ClaimType,
  memberId: string | null | undefined,
  now: Date,
): Promise<EligibilityAnswer> {
  const forMember = actor.kind === 'member' ? actor.memberId : memberId;
  const found = await app.db.transaction((tx) =>
    loadCoveredPackage(tx, actor.storefrontId, trackingNumber, forMember || null, false),
  );
  if (!found) return { eligibility: null, reasons: ['NOT_COVERED'] };
  const eligibility = assessClaim(app, type, found.pkg, found.guarantee, now);
  return { eligibility, reasons: eligibility.reasons };
}
