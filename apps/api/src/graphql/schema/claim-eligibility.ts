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
    eligible: t.boolean({ resolve: (a) => a.reasons.length === 0 }),
    reasons: t.field({ type: [UserErrorCode], resolve: (a) => a.reasons }),
    deadline: t.field({
      type: 'DateTime',
      nullable: true,
      resolve: (a) => a.eligibility?.deadline ?? null,
    }),
    claimableFrom: t.field({
      type: 'DateTime',
      nullable: true,
      resolve: (a) => a.eligibility?.claimableFrom ?? null,
    }),
    maxPayable: t.field({
      type: MoneyRef,
      nullable: true,
      resolve: (a) => a.eligibility?.maxPayable ?? null,
    }),
  }),
});

builder.queryField('claimEligibility', (t) =>
  t.field({
    type: ClaimEligibilityRef,
    authScopes: { member: true, secretKey: true },
    args: {
      trackingNumber: t.arg.string({ required: true }),
      type: t.arg({ type: ClaimTypeEnum, required: true }),
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
