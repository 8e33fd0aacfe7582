// claimEligibility: would a claim be accepted now, and if not, why. Filing asks the same
// question inside its transaction (file-claim.ts).
import type { GuaranteeRow, PackageRow } from '@lg/db';
import type { Queryable } from '@lg/db/client';
import {
  assessClaimEligibility,
  type ClaimEligibility,
  type ClaimType,
  type RefusalCode,
} from '@lg/domain';
import type { App } from '../../app.js';
import { packageMoney, paidSoFar } from '../packages/package-money.js';
import { trackingOf } from '../packages/package-state.js';
import { type Claimant, loadCoveredPackage } from './store.js';

/** The domain's answer (R14-R16, R8 for damage) for a claim of `type` on this package at `now`. */
export async function assessClaim(
  app: App,
  type: ClaimType,
  pkg: PackageRow,
  guarantee: GuaranteeRow,
  now: Date,
  db: Queryable = app.db,
): Promise<ClaimEligibility> {
  return assessClaimEligibility({
    type,
    now,
    guaranteeStatus: guarantee.status,
    tracking: trackingOf(pkg),
    pkg: packageMoney(pkg),
    alreadyPaid: paidSoFar(pkg),
    policy: await app.policies.forGuarantee(guarantee, db),
  });
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
  const eligibility = await assessClaim(app, type, found.pkg, found.guarantee, now);
  return { eligibility, reasons: eligibility.reasons };
}
