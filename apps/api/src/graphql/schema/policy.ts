import {
  CLAIM_REASON_CODES,
  type ClaimReasonCode,
  type ClaimType,
  type DocumentKind,
  type Exclusion,
  type ExclusionKind,
  type ExclusionWording,
  money,
  POLICY_2026_11,
  type PolicyVersion,
} from '@lg/domain';
import { builder } from '../builder.js';
import { ClaimTypeEnum, DocumentKindEnum } from './enums.js';
import { MoneyRef } from './money.js';
import { basisPointsToDecimal } from './rate.js';

/**
 * Each code described in the wording of policy 2026-11, the first version, which names every
 * code; Policy.exclusions gives the wording of the version in force, in every language.
 */
const FIRST_WORDING = new Map(POLICY_2026_11.exclusions.map((e) => [e.code, e]));

function reasonDescription(code: ClaimReasonCode): string {
  const wording = FIRST_WORDING.get(code);
  if (!wording) throw new Error(`policy 2026-11 has no wording for ${code}`);
  return `${wording.title}: ${wording.description}`;
}

export const ClaimReasonCodeEnum = builder.enumType('ClaimReasonCode', {
  description: 'Why a claim is not covered (POLICY R11).',
  values: Object.fromEntries(
    CLAIM_REASON_CODES.map((code) => [code, { description: reasonDescription(code) }]),
  ) as Record<ClaimReasonCode, { description: string }>,
});

const ExclusionKindEnum = builder.enumType('ExclusionKind', {
  description:
    'EXCLUSION: a circumstance the guarantee never covers (POLICY R10, R11), what a shopper weighs before buying. CLAIM_CONDITION: how a claim on a covered loss can fail (documents R13, the window R14, an unclaimed package R15, an order without the guarantee).',
  values: {
    EXCLUSION: { description: 'A circumstance the guarantee never covers (R10, R11).' },
    CLAIM_CONDITION: { description: 'A way a claim on a covered loss can fail (R13-R15, R11).' },
  } satisfies Record<ExclusionKind, { description: string }>,
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
  description: 'One reason a claim can be rejected (POLICY R11), in the words of the terms.',
  fields: (t) => ({
    code: t.field({
      type: ClaimReasonCodeEnum,
      description: 'The code a rejection gives (ClaimDecision.reasonCodes).',
      resolve: (e) => e.code,
    }),
    title: t.exposeString('title', { description: 'A short English label for lists.' }),
    description: t.exposeString('description', { description: "The terms' English wording." }),
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
      claimType: t.field({
        type: ClaimTypeEnum,
        description: 'The type of claim.',
        resolve: (r) => r.type,
      }),
      documentKinds: t.field({
        type: [DocumentKindEnum],
        description: 'One document of each of these kinds completes the claim.',
        resolve: (r) => [...r.kinds],
      }),
    }),
  });

export const PolicyRef = builder.objectRef<PolicyVersion>('Policy').implement({
  description: 'The terms of the guarantee in force, as numbers: what the "learn more" shows.',
  fields: (t) => ({
    version: t.exposeString('version', {
      description: 'The version\'s name, e.g. "2026-11"; a guarantee keeps it for life.',
    }),
    feeRate: t.field({
      type: 'Decimal',
      description: 'The fee as a share of the product value, e.g. "0.10" (R1).',
      resolve: (p) => basisPointsToDecimal(p.feeRateBps),
    }),
    minimumFee: t.field({
      type: MoneyRef,
      description: 'The least a guarantee costs (R1).',
      resolve: (p) => money(p.minimumFeeMinor, p.currency),
    }),
    maxCompensationPerPackage: t.field({
      type: MoneyRef,
      description: 'The most one package is paid across all its claims (R9).',
      resolve: (p) => money(p.maxCompensationPerPackageMinor, p.currency),
    }),
    lossShippingShare: t.field({
      type: 'Decimal',
      description:
        'The share of the shipping fee paid back with a complete loss, e.g. "1.00" (R5).',
      resolve: (p) => basisPointsToDecimal(p.lossShippingShareBps),
    }),
    damageShippingShare: t.field({
      type: 'Decimal',
      description: 'The share of the shipping fee in the damage limit, e.g. "0.30" (R8).',
      resolve: (p) => basisPointsToDecimal(p.damageShippingShareBps),
    }),
    damageProductCap: t.field({
      type: MoneyRef,
      description: 'The product part of the damage limit (R8).',
      resolve: (p) => money(p.damageProductCapMinor, p.currency),
    }),
    claimWindowHours: t.exposeInt('claimWindowHours', {
      description: 'Hours after delivery to file a damage or partial-loss claim (R14).',
    }),
    unclaimedDays: t.exposeInt('unclaimedDays', {
      description:
        'Days a package may wait at the destination before it counts as unclaimed (R15).',
    }),
    responseDays: t.exposeInt('responseDays', {
      description: 'Days to decide a claim once its documents are complete (R17).',
    }),
    lossClaimableAfterDays: t.exposeInt('lossOverdueDays', {
      description: 'A package not delivered this many days after shipping can be claimed as lost.',
    }),
    weightShortfallShare: t.field({
      type: 'Decimal',
      description:
        'A weight shortfall is flagged when the actual weight is below the estimate by more than this share of it, e.g. "0.10" (R7)...',
      resolve: (p) => basisPointsToDecimal(p.weightShortfallRatioBps),
    }),
    weightShortfallMinGrams: t.exposeInt('weightShortfallMinGrams', {
      description: '...and by more than this many grams, e.g. 50 (R7).',
    }),
    quoteLifetimeMinutes: t.exposeInt('quoteLifetimeMinutes', {
      description: "How long a quote's price holds (R3).",
    }),
    requiredDocuments: t.field({
      type: [RequiredDocumentsRef],
      description: 'The documents each type of claim needs (R13).',
      resolve: (p) =>
        (Object.entries(p.requiredDocuments) as [ClaimType, readonly DocumentKind[]][]).map(
          ([type, kinds]) => ({ type, kinds }),
        ),
    }),
    exclusions: t.field({
      type: [ExclusionRef],
      description: "Every reason a claim can be rejected, in the terms' order (R11).",
      resolve: (p) => [...p.exclusions],
    }),
  }),
});

builder.queryField('policy', (t) =>
  t.field({
    type: PolicyRef,
    description: 'The terms in force. Readable without a credential.',
    resolve: (_root, _args, ctx) => ctx.app.policies.current,
  }),
);
