// A claim's decision as the API shows it: the outcome, what is paid and the lines explaining
// it, each citing its rule (POLICY R5-R11).
import type { ClaimRow } from '@lg/db';
import { type ClaimOutcome, type CompensationLine, money } from '@lg/domain';
import { builder } from '../builder.js';
import { ClaimOutcomeEnum } from './enums.js';
import { MoneyRef } from './money.js';
import { ClaimReasonCodeEnum } from './policy.js';

/** A claim once decided: its outcome and the time of the decision are recorded together. */
type DecidedClaim = ClaimRow & { outcome: ClaimOutcome; decidedAt: Date };

/** The claim as its decision, or null while it awaits one. */
export function decisionOf(claim: ClaimRow): DecidedClaim | null {
  const { outcome, decidedAt } = claim;
  return outcome && decidedAt ? { ...claim, outcome, decidedAt } : null;
}

const CompensationLineRef = builder.objectRef<CompensationLine>('CompensationLine').implement({
  description: 'One step of how a payable amount was reached, with the rule it applies.',
  fields: (t) => ({
    label: t.exposeString('label', { description: 'The step in words, e.g. "Audited damage".' }),
    amount: t.field({
      type: MoneyRef,
      description: 'The amount this step gives.',
      resolve: (line) => line.amount,
    }),
    rule: t.exposeString('rule', { description: 'The POLICY rule this line applies, e.g. "R5".' }),
  }),
});

export const ClaimDecisionRef = builder.objectRef<DecidedClaim>('ClaimDecision').implement({
  description: "An adjuster's decision on a claim, under its guarantee's policy version.",
  fields: (t) => ({
    outcome: t.field({
      type: ClaimOutcomeEnum,
      description: 'Approved or rejected.',
      resolve: (c) => c.outcome,
    }),
    payable: t.field({
      type: MoneyRef,
      description: 'What the claim pays: zero when rejected (POLICY R5-R9).',
      resolve: (c) => money(c.payableMinor ?? 0, c.currency),
    }),
    reasonCodes: t.field({
      type: [ClaimReasonCodeEnum],
      description: 'Why it was rejected (R11); empty when approved.',
      resolve: (c) => c.reasonCodes ?? [],
    }),
    breakdown: t.field({
      type: [CompensationLineRef],
      description: 'How `payable` was reached, step by step; empty when rejected.',
      resolve: (c) =>
        (c.breakdown ?? []).map((line) => ({
          label: line.label,
          rule: line.rule,
          amount: money(line.amountMinor, line.currency),
        })),
    }),
    decidedAt: t.field({
      type: 'DateTime',
      description: 'When the decision was made.',
      resolve: (c) => c.decidedAt,
    }),
    note: t.exposeString('decisionNote', {
      nullable: true,
      description: "The adjuster's note, if any.",
    }),
  }),
});
