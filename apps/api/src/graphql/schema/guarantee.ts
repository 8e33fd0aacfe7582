import type { GuaranteeRow } from '@lg/db';
import { money } from '@lg/domain';
import { storefrontOf } from '../../auth/viewer.js';
import { canSee } from '../../auth/visibility.js';
import { rateOfGuarantee } from '../../exchange-rates.js';
import { cancelGuarantee } from '../../services/guarantees/cancel-guarantee.js';
import { findGuaranteeByOrderNumber } from '../../services/guarantees/find-guarantee.js';
import { listGuarantees } from '../../services/guarantees/list-guarantees.js';
import { purchaseGuarantee } from '../../services/guarantees/purchase-guarantee.js';
import { failure } from '../../services/outcome.js';
import { isUuid } from '../../services/uuid.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { idOf } from '../global-id.js';
import { pageRequestOf, totalCountDescription } from '../paging.js';
import { ConsentRef, consentOf } from './consent.js';
import { GuaranteeStatusEnum } from './enums.js';
import { ExchangeRateRef } from './exchange-rate.js';
import { MoneyInput, MoneyRef } from './money.js';
import { PackageRef } from './package.js';
import { PolicyRef } from './policy.js';
import { StorefrontRef } from './storefront.js';
import { payloadType, toPayload } from './user-error.js';

async function loadVisibleGuarantee(ctx: Context, id: string): Promise<GuaranteeRow | null> {
  const row = await ctx.loaders.guarantee.load(id);
  return row && canSee(ctx.viewer, row) ? row : null;
}

export const GuaranteeRef = builder.node(builder.objectRef<GuaranteeRow>('Guarantee'), {
  description:
    "The logistics guarantee bought with one order: its price, the policy version that judges its claims for life, the shopper's consent and the order's packages.",
  id: { resolve: (g) => g.id },
  loadOne: (id, ctx) => (isUuid(id) ? loadVisibleGuarantee(ctx, id) : null),
  fields: (t) => ({
    orderNumber: t.exposeString('orderNumber', {
      description: "The storefront's order number; one guarantee per order (POLICY R2, R4).",
    }),
    memberId: t.exposeString('memberId', {
      description: "The buyer's Member ID at the storefront (R4).",
    }),
    status: t.field({
      type: GuaranteeStatusEnum,
      description: 'Whether it still covers the packages.',
      resolve: (g) => g.status,
    }),
    productValue: t.field({
      type: MoneyRef,
      description: "The order's product value the fee was quoted on (R1).",
      resolve: (g) => money(g.productValueMinor, g.currency),
    }),
    fee: t.field({
      type: MoneyRef,
      description: 'What the shopper paid for the guarantee (R1).',
      resolve: (g) => money(g.feeMinor, g.currency),
    }),
    policyVersion: t.exposeString('policyVersion', {
      description: 'The policy version bought; it decides every claim on this guarantee.',
    }),
    policy: t.field({
      type: PolicyRef,
      description:
        "The policy version bought, in full: the numbers its claims are decided by (R5-R9), whatever the version in force; its amounts in the guarantee's currency at the guarantee's exchange rate.",
      resolve: (g, _args, ctx) => ctx.app.policies.forGuarantee(g),
    }),
    storefront: t.field({
      type: StorefrontRef,
      nullable: true,
      description:
        'The storefront that sold it; null for viewers who may not read storefronts (members).',
      resolve: (g, _args, ctx) =>
        ctx.viewer.kind === 'operator' || ctx.viewer.kind === 'secret'
          ? ctx.loaders.storefront.load(g.storefrontId)
          : null,
    }),
    purchasedAt: t.field({
      type: 'DateTime',
      description: 'When purchaseGuarantee recorded it.',
      resolve: (g) => g.purchasedAt,
    }),
    cancelledAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was cancelled; null while ACTIVE.',
      resolve: (g) => g.cancelledAt,
    }),
    refund: t.field({
      type: MoneyRef,
      nullable: true,
      description:
        'The fee refunded when the guarantee was cancelled before shipping (POLICY R2); null while ACTIVE.',
      resolve: (g) => (g.refundMinor === null ? null : money(g.refundMinor, g.currency)),
    }),
    exchangeRate: t.field({
      type: ExchangeRateRef,
      nullable: true,
      description:
        'The exchange rate it was bought with: its fee, caps and payouts use it for life, whatever rates are published later. Null in USD.',
      resolve: (g) => rateOfGuarantee(g),
    }),
    consent: t.field({
      type: ConsentRef,
      description: 'What the shopper saw and accepted, from the quote they bought.',
      resolve: (g) => consentOf(g),
    }),
    packages: t.field({
      type: [PackageRef],
      description: "The order's registered packages, in the order they were registered.",
      resolve: (g, _args, ctx) => ctx.loaders.packagesByGuarantee.load(g.id),
    }),
  }),
});

builder.queryFields((t) => ({
  guarantee: t.field({
    type: GuaranteeRef,
    nullable: true,
    description: 'A guarantee by its id; null if there is none the viewer may see.',
    authScopes: { secretKey: true, member: true, operator: true },
    args: { id: t.arg.id({ required: true, description: "The guarantee's global ID." }) },
    resolve: (_root, args, ctx) => {
      const id = idOf('Guarantee', String(args.id));
      return id ? loadVisibleGuarantee(ctx, id) : null;
    },
  }),
  guaranteeByOrderNumber: t.field({
    type: GuaranteeRef,
    nullable: true,
    description: 'Operators name the storefront; storefronts and members read their own.',
    authScopes: { secretKey: true, member: true, operator: true },
    args: {
      orderNumber: t.arg.string({ required: true, description: "The storefront's order number." }),
      storefrontId: t.arg.id({ description: 'Operators only: whose order it is.' }),
    },
    resolve: async (_root, args, ctx) => {
      const storefrontId =
        ctx.viewer.kind === 'operator'
          ? args.storefrontId
            ? idOf('Storefront', String(args.storefrontId))
            : null
          : storefrontOf(ctx.viewer);
      if (!storefrontId) return null;
      const row = await findGuaranteeByOrderNumber(ctx.app.db, storefrontId, args.orderNumber);
      return row && canSee(ctx.viewer, row) ? row : null;
    },
  }),
}));

const PurchaseGuaranteeInput = builder.inputType('PurchaseGuaranteeInput', {
  description: 'The order a guarantee was bought with, and the quote it was bought from.',
  fields: (t) => ({
    quoteToken: t.string({
      required: true,
      description: "Quote.token, as the checkout form submitted it (the widget's form field).",
    }),
    orderNumber: t.string({
      required: true,
      description:
        "The storefront's order number; one guarantee per order (ORDER_ALREADY_GUARANTEED).",
    }),
    memberId: t.string({ required: true, description: "The buyer's Member ID at the storefront." }),
    memberEmail: t.string({
      required: true,
      description: 'Where the member is told when a claim is completed (POLICY R19).',
    }),
    productValue: t.field({
      type: MoneyInput,
      required: true,
      description:
        "The order's product value as your server computed it. Must equal the quote's (else QUOTE_MISMATCH): the token comes from the shopper's browser.",
    }),
    idempotencyKey: t.string({
      description:
        '1..255 chars. Same key + same input: the first result again; same key + other input: IDEMPOTENCY_KEY_REUSED.',
    }),
  }),
});

const CancelGuaranteeInput = builder.inputType('CancelGuaranteeInput', {
  description: 'The guarantee to cancel, and why.',
  fields: (t) => ({
    guaranteeId: t.id({ required: true, description: "The guarantee's global ID." }),
    reason: t.string({ description: 'Why, for the record; at most 1,000 characters.' }),
  }),
});

const PurchaseGuaranteePayload = payloadType(
  'PurchaseGuaranteePayload',
  'guarantee',
  GuaranteeRef,
  {
    payload: 'The result of purchaseGuarantee (the first result again for a retried key).',
    value: 'The guarantee bought; null when refused.',
  },
);
const CancelGuaranteePayload = payloadType('CancelGuaranteePayload', 'guarantee', GuaranteeRef, {
  payload: 'The result of cancelGuarantee.',
  value: 'The cancelled guarantee; null when refused.',
});

builder.mutationFields((t) => ({
  purchaseGuarantee: t.field({
    type: PurchaseGuaranteePayload,
    description: 'Records the guarantee bought with an order, from a quote token (POLICY R2-R4).',
    authScopes: { secretKey: true },
    args: {
      input: t.arg({
        type: PurchaseGuaranteeInput,
        required: true,
        description: 'The order and its quote.',
      }),
    },
    resolve: async (_root, { input }, ctx) =>
      toPayload(
        await purchaseGuarantee(ctx.app, storefrontOf(ctx.viewer) as string, input, ctx.now),
      ),
  }),
  cancelGuarantee: t.field({
    type: CancelGuaranteePayload,
    description: 'Cancels a guarantee while no package of the order has shipped.',
    authScopes: { secretKey: true },
    args: {
      input: t.arg({
        type: CancelGuaranteeInput,
        required: true,
        description: 'The guarantee to cancel.',
      }),
    },
    resolve: async (_root, { input }, ctx) => {
      const id = idOf('Guarantee', String(input.guaranteeId));
      const row = id ? await loadVisibleGuarantee(ctx, id) : null;
      if (!row)
        return toPayload(failure('NOT_FOUND', 'no such guarantee', ['input', 'guaranteeId']));
      return toPayload(await cancelGuarantee(ctx.app, ctx.viewer, row, input.reason, ctx.now));
    },
  }),
}));

const GuaranteeConnection = builder.connectionObject(
  {
    type: GuaranteeRef,
    name: 'GuaranteeConnection',
    description: 'A page of guarantees, newest purchase first.',
    fields: (t) => ({
      totalCount: t.int({
        description: totalCountDescription('guarantees'),
        resolve: (connection) => connection.count(),
      }),
    }),
  },
  { name: 'GuaranteeEdge', description: 'A guarantee and its cursor.' },
);

builder.queryFields((t) => ({
  guarantees: t.connection(
    {
      type: GuaranteeRef,
      description:
        "Newest purchase first. Members see their own (a member center's order list), storefronts theirs, operators all.",
      authScopes: { secretKey: true, member: true, operator: true },
      resolve: (_root, args, ctx) => listGuarantees(ctx.app, ctx.viewer, pageRequestOf(args)),
    },
    GuaranteeConnection,
  ),
}));
