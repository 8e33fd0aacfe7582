import {
  CLAIM_REASON_CODES,
  type ClaimType,
  type DocumentKind,
  type Exclusion,
  money,
  type PolicyVersion,
} from '@lg/domain';
import { builder } from '../builder.js';
import { ClaimTypeEnum, DocumentKindEnum } from './enums.js';
import { MoneyRef } from './money.js';
import { basisPointsToDecimal } from './rate.js';

export const ClaimReasonCodeEnum = builder.enumType('ClaimReasonCode', {
  description: 'Why a claim is not covered (POLICY R11).',
  values: CLAIM_REASON_CODES,
});

const ExclusionRef = builder.objectRef<Exclusion>('Exclusion').implement({
  fields: (t) => ({
    code: t.field({ type: ClaimReasonCodeEnum, resolve: (e) => e.code }),
    title: t.exposeString('title'),
    description: t.exposeString('description'),
  }),
});

const RequiredDocumentsRef = builder
  .objectRef<{ type: ClaimType; kinds: readonly DocumentKind[] }>('RequiredDocuments')
  .implement({
    description: 'The documents a claim of this type needs (POLICY R13).',
    fields: (t) => ({
      claimType: t.field({ type: ClaimTypeEnum, resolve: (r) => r.type }),
      documentKinds: t.field({ type: [DocumentKindEnum], resolve: (r) => [...r.kinds] }),
    }),
  });

const PolicyRef = builder.objectRef<PolicyVersion>('Policy').implement({
  description: 'The terms of the guarantee in force, as numbers: what the "learn more" shows.',
  fields: (t) => ({
    version: t.exposeString('version'),
    feeRate: t.field({ type: 'Decimal', resolve: (p) => basisPointsToDecimal(p.feeRateBps) }),
    minimumFee: t.field({ type: MoneyRef, resolve: (p) => money(p.minimumFeeMinor, p.currency) }),
    maxCompensationPerPackage: t.field({
      type: MoneyRef,
      resolve: (p) => money(p.maxCompensationPerPackageMinor, p.currency),
    }),
    damageShippingShare: t.field({
      type: 'Decimal',
      resolve: (p) => basisPointsToDecimal(p.damageShippingShareBps),
    }),
    damageProductCap: t.field({
      type: MoneyRef,
      resolve: (p) => money(p.damageProductCapMinor, p.currency),
    }),
    claimWindowHours: t.exposeInt('claimWindowHours'),
    unclaimedDays: t.exposeInt('unclaimedDays'),
    responseDays: t.exposeInt('responseDays'),
    lossClaimableAfterDays: t.exposeInt('lossOverdueDays', {
      description: 'A package not delivered this many days after shipping can be claimed as lost.',
    }),
    quoteLifetimeMinutes: t.exposeInt('quoteLifetimeMinutes'),
    requiredDocuments: t.field({
      type: [RequiredDocumentsRef],
      resolve: (p) =>
        (Object.entries(p.requiredDocuments) as [ClaimType, readonly DocumentKind[]][]).map(
          ([type, kinds]) => ({ type, kinds }),
        ),
    }),
    exclusions: t.field({ type: [ExclusionRef], resolve: (p) => [...p.exclusions] }),
  }),
});

builder.queryField('policy', (t) =>
  t.field({
    type: PolicyRef,
    description: 'The terms in force. Readable without a credential.',
    resolve: (_root, _args, ctx) => ctx.app.policies.current,
  }),
);
