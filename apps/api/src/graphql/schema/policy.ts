import {
  CLAIM_REASON_CODES,
  type ClaimType,
  type DocumentKind,
  EXCLUSION_KINDS,
  type Exclusion,
  type ExclusionWording,
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

const ExclusionKindEnum = builder.enumType('ExclusionKind', {
  description:
    'EXCLUSION: a circumstance the guarantee never covers (POLICY R10, R11), what a shopper weighs before buying. CLAIM_CONDITION: how a claim on a covered loss can fail (documents R13, the window R14, an unclaimed package R15, an order without the guarantee).',
  values: EXCLUSION_KINDS,
});

const ExclusionTranslationRef = builder
  .objectRef<ExclusionWording & { locale: string }>('ExclusionTranslation')
  .implement({
    description: "An exclusion's title and description in another language.",
    fields: (t) => ({
      locale: t.exposeString('locale', { description: 'A BCP 47 language tag, e.g. "zh-CN".' }),
      title: t.exposeString('title', { description: 'A short label for lists.' }),
      description: t.exposeString('description', { description: "The terms' wording." }),
    }),
  });

const ExclusionRef = builder.objectRef<Exclusion>('Exclusion').implement({
  fields: (t) => ({
    code: t.field({ type: ClaimReasonCodeEnum, resolve: (e) => e.code }),
    title: t.exposeString('title'),
    description: t.exposeString('description'),
    kind: t.field({
      type: ExclusionKindEnum,
      description: 'Whether the guarantee excludes this, or it is a condition of claiming.',
      resolve: (e) => e.kind,
    }),
    translations: t.field({
      type: [ExclusionTranslationRef],
      description: 'The title and description in other languages; English is `title`.',
      resolve: (e) =>
        Object.entries(e.translations).map(([locale, wording]) => ({ locale, ...wording })),
    }),
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
