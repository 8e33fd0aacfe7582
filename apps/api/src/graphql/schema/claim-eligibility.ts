// claimEligibility: whether a claim would be accepted now, asked before filing it.
import {
  checkClaimEligibility,
  type EligibilityAnswer,
} from '../../services/claims/check-claim-eligibility.js';
import { builder } from '../builder.js';
import { ClaimTypeEnum } from './enums.js';
import { MoneyRef } from './money.js';
import { UserErrorCode } from './user-error.js';

const ClaimEligibilityRef = builder.objectRef<EligibilityAnswer>('ClaimEligibility').implement({
  description: 'Whether a claim would be accepted now (POLICY R14-R16), before filing it.',
  fields: (t) => ({
    eligible: t.boolean({
      description: 'True when `reasons` is empty: coverage and the windows (R14-R16) allow it now.',
      resolve: (a) => a.reasons.length === 0,
    }),
    reasons: t.field({
      type: [UserErrorCode],
      description: 'Why not, with the codes fileClaim would refuse it with; empty when eligible.',
      resolve: (a) => a.reasons,
    }),
    deadline: t.field({
      type: 'DateTime',
      nullable: true,
      description:
        'The last instant to file: delivery + 24 h for damage and partial loss (R14); for a loss, arrival + 30 days while the package waits undelivered (R15). Null when none is known yet.',
      resolve: (a) => a.eligibility?.deadline ?? null,
    }),
    claimableFrom: t.field({
      type: 'DateTime',
      nullable: true,
      description:
        "The first instant to file: delivery for damage and partial loss; for a loss, the carrier's loss report or the overdue date, whichever is earlier (R16). Null while unknown.",
      resolve: (a) => a.eligibility?.claimableFrom ?? null,
    }),
    maxPayable: t.field({
      type: MoneyRef,
      nullable: true,
      description:
        'The most approving such a claim could pay now (R5-R9, less what the package was paid); null when no guarantee the asker may claim on covers the package.',
      resolve: (a) => a.eligibility?.maxPayable ?? null,
    }),
  }),
});

builder.queryField('claimEligibility', (t) =>
  t.field({
    type: ClaimEligibilityRef,
    description:
      'Whether a claim of this type on this package would be accepted now, and until when: what a member center shows before the member files.',
    authScopes: { member: true, secretKey: true },
    args: {
      trackingNumber: t.arg.string({ required: true, description: 'The package to claim on.' }),
      type: t.arg({ type: ClaimTypeEnum, required: true, description: 'The claim to ask about.' }),
      memberId: t.arg.string({ description: 'With a secret key: the member who would file.' }),
    },
    resolve: (_root, args, ctx) => {
      const viewer = ctx.viewer;
      if (viewer.kind !== 'member' && viewer.kind !== 'secret') throw new Error('scope checked');
      return checkClaimEligibility(
        ctx.app,
        viewer,
        args.trackingNumber,
        args.type,
        args.memberId,
        ctx.now,
      );
    },
  }),
);
