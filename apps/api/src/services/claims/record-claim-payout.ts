// recordClaimPayout: APPROVED -> PAID once the money is sent, the package's paid total raised
// only while it stays within R9.
import type { ClaimRow } from '@lg/db';
import { packages } from '@lg/db';
import { canRecordPayout, money } from '@lg/domain';
import { and, eq, sql } from 'drizzle-orm';
import type { App } from '../../app.js';
import { actorOf, type Viewer } from '../../auth/viewer.js';
import { type Outcome, Refused, refusalsAsOutcome, success } from '../outcome.js';
import { packageMoney, paidSoFar } from '../packages/package-money.js';
import { checkIdentifier, firstErrors } from '../validate.js';
import { lockClaim, moveClaim, publishTransition } from './store.js';

/** Records the payout under `reference` (the bank's or the payment provider's). */
export async function recordClaimPayout(
  app: App,
  viewer: Viewer,
  claimId: string,
  reference: string,
  now: Date,
): Promise<Outcome<ClaimRow>> {
  const invalid = firstErrors(checkIdentifier(reference, ['input', 'reference'], 200));
  if (invalid) return invalid;
  return refusalsAsOutcome(() =>
    app.db.transaction(async (tx) => {
      const ctx = await lockClaim(tx, claimId);
      const policy = await app.policies.forGuarantee(ctx.guarantee, tx);
      const payable = money(ctx.claim.payableMinor ?? 0, ctx.claim.currency);
      const allowed = canRecordPayout({
        status: ctx.claim.status,
        payable,
        pkg: packageMoney(ctx.pkg),
        alreadyPaid: paidSoFar(ctx.pkg),
        policy,
      });
      if (!allowed.ok) throw Refused.of(allowed.code, allowed.message, ['input', 'claimId']);
      const cap = policy.maxCompensationPerPackageMinor;
      // Belt and braces: even if two payouts raced past the locks, this UPDATE re-checks the cap.
      const [raised] = await tx
        .update(packages)
        .set({ paidMinor: sql`${packages.paidMinor} + ${payable.minor}` })
        .where(
          and(eq(packages.id, ctx.pkg.id), sql`${packages.paidMinor} + ${payable.minor} <= ${cap}`),
        )
        .returning();
      if (!raised)
        throw Refused.of('CAP_REACHED', 'paying this would exceed the cap for the package', [
          'input',
          'claimId',
        ]);
      const updated = await moveClaim(
        tx,
        ctx.claim,
        { status: allowed.value, payoutReference: reference, paidAt: now },
        actorOf(viewer),
        `payout ${reference}`,
        now,
      );
      await publishTransition(
        tx,
        app,
        { claim: updated, pkg: raised, guarantee: ctx.guarantee },
        now,
      );
      return success(updated);
    }),
  );
}
