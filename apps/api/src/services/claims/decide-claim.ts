// decideClaim: an adjuster approves or rejects a claim under the policy version its
// guarantee was bought with (R5-R11).
import type { ClaimRow } from '@lg/db';
import {
  type ClaimOutcome,
  type ClaimReasonCode,
  decideClaim as decideUnderPolicy,
} from '@lg/domain';
import type { App } from '../../app.js';
import { actorOf, type Viewer } from '../../auth/viewer.js';
import { type MoneyInputShape, moneyInput } from '../money-input.js';
import { type Outcome, Refused, refusalsAsOutcome, success } from '../outcome.js';
import { packageMoney, paidSoFar } from '../packages/package-money.js';
import { checkText, firstErrors } from '../validate.js';
import { lockClaim, moveClaim, publishTransition } from './store.js';

interface DecideClaimInput {
  claimId: string;
  outcome: ClaimOutcome;
  /** The adjuster's figure; required to approve PARTIAL_LOSS and DAMAGE (R7, R8). */
  auditedAmount?: MoneyInputShape | null | undefined;
  /** Required to reject (R10, R11). */
  reasonCodes?: readonly ClaimReasonCode[] | null | undefined;
  note?: string | null | undefined;
}

/** Records the decision with its payout breakdown; a rejection completes the claim. */
export async function decideClaim(
  app: App,
  viewer: Viewer,
  input: DecideClaimInput,
  now: Date,
): Promise<Outcome<ClaimRow>> {
  const invalid = firstErrors(checkText(input.note, ['input', 'note'], { min: 0, max: 5000 }));
  if (invalid) return invalid;
  let audited = null;
  if (input.auditedAmount) {
    const parsed = moneyInput(input.auditedAmount, ['input', 'auditedAmount', 'amount']);
    if (!parsed.ok) return parsed;
    audited = parsed.value;
  }
  return refusalsAsOutcome(() =>
    app.db.transaction(async (tx) => {
      const ctx = await lockClaim(tx, input.claimId);
      const policy = await app.policies.forGuarantee(ctx.guarantee, tx);
      const decision = decideUnderPolicy({
        status: ctx.claim.status,
        type: ctx.claim.type,
        outcome: input.outcome,
        auditedAmount: audited,
        reasonCodes: input.reasonCodes ?? null,
        pkg: packageMoney(ctx.pkg),
        alreadyPaid: paidSoFar(ctx.pkg),
        policy,
      });
      if (!decision.ok) {
        const field =
          decision.code === 'AMOUNT_REQUIRED'
            ? ['input', 'auditedAmount']
            : decision.code === 'REASON_REQUIRED'
              ? ['input', 'reasonCodes']
              : ['input', ...(decision.field ?? ['claimId'])];
        throw Refused.of(decision.code, decision.message, field);
      }
      const d = decision.value;
      const updated = await moveClaim(
        tx,
        ctx.claim,
        {
          status: d.status,
          outcome: d.outcome,
          payableMinor: d.payable.minor,
          auditedMinor: audited?.minor ?? null,
          reasonCodes: d.reasonCodes,
          breakdown: d.breakdown.map((line) => ({
            label: line.label,
            rule: line.rule,
            amountMinor: line.amount.minor,
            currency: line.amount.currency,
          })),
          decidedAt: now,
          decidedBy: actorOf(viewer),
          decisionNote: input.note ?? null,
        },
        actorOf(viewer),
        input.note ?? null,
        now,
      );
      await publishTransition(tx, app, { ...ctx, claim: updated }, now);
      return success(updated);
    }),
  );
}
