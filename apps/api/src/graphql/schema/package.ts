import type { PackageRow } from '@lg/db';
import { maxCompensation, money } from '@lg/domain';
import { storefrontOf } from '../../auth/viewer.js';
import { canSee } from '../../auth/visibility.js';
import { packageMoney, paidSoFar } from '../../services/packages/package-money.js';
import { recordPackageEvent } from '../../services/packages/record-package-event.js';
import { registerPackage } from '../../services/packages/register-package.js';
import { isUuid } from '../../services/uuid.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { PackageEventTypeEnum, PackageFlagEnum, PackageStatusEnum } from './enums.js';
import { MoneyInput, MoneyRef } from './money.js';
import { payloadType, toPayload } from './user-error.js';

/** A package is visible to whoever may see its guarantee. */
async function loadVisiblePackage(ctx: Context, id: string): Promise<PackageRow | null> {
  const row = await ctx.loaders.package.load(id);
  if (!row) return null;
  const guarantee = await ctx.loaders.guarantee.load(row.guaranteeId);
  return guarantee && canSee(ctx.viewer, guarantee) ? row : null;
}

export const PackageRef = builder.node(builder.objectRef<PackageRow>('Package'), {
  id: { resolve: (p) => p.id },
  loadOne: (id, ctx) => (isUuid(id) ? loadVisiblePackage(ctx, id) : null),
  fields: (t) => ({
    trackingNumber: t.exposeString('trackingNumber'),
    status: t.field({ type: PackageStatusEnum, resolve: (p) => p.status }),
    declaredValue: t.field({
      type: MoneyRef,
      resolve: (p) => money(p.declaredValueMinor, p.currency),
    }),
    salePrice: t.field({ type: MoneyRef, resolve: (p) => money(p.salePriceMinor, p.currency) }),
    shippingFee: t.field({ type: MoneyRef, resolve: (p) => money(p.shippingFeeMinor, p.currency) }),
    estimatedWeightGrams: t.exposeInt('estimatedWeightGrams', { nullable: true }),
    actualWeightGrams: t.exposeInt('actualWeightGrams', { nullable: true }),
    shippedAt: t.field({ type: 'DateTime', nullable: true, resolve: (p) => p.shippedAt }),
    arrivedAt: t.field({ type: 'DateTime', nullable: true, resolve: (p) => p.arrivedAt }),
    deliveredAt: t.field({ type: 'DateTime', nullable: true, resolve: (p) => p.deliveredAt }),
    lostAt: t.field({ type: 'DateTime', nullable: true, resolve: (p) => p.lostAt }),
    signedBy: t.exposeString('signedBy', { nullable: true }),
    flags: t.field({
      type: [PackageFlagEnum],
      description: 'POLICY R12: evidence for the adjuster, not a verdict.',
      resolve: (p) => p.flags,
    }),
    paidTotal: t.field({
      type: MoneyRef,
      description: 'What claims on this package have paid so far.',
      resolve: (p) => paidSoFar(p),
    }),
    maxCompensation: t.field({
      type: MoneyRef,
      description: 'POLICY R5 + R9, less what was already paid on this package.',
      resolve: async (p, _args, ctx) => {
        const guarantee = await ctx.loaders.guarantee.load(p.guaranteeId);
        const policy = await ctx.app.policies.require(guarantee?.policyVersion ?? '');
        return maxCompensation(packageMoney(p), paidSoFar(p), policy);
      },
    }),
  }),
});

const AddressInput = builder.inputType('AddressInput', {
  fields: (t) => ({
    line1: t.string({ required: true }),
    line2: t.string(),
    city: t.string({ required: true }),
    region: t.string(),
    postalCode: t.string(),
    countryCode: t.string({ required: true, description: 'ISO 3166-1 alpha-2, e.g. "US"' }),
  }),
});

const RegisterPackageInput = builder.inputType('RegisterPackageInput', {
  fields: (t) => ({
    orderNumber: t.string({ required: true }),
    trackingNumber: t.string({ required: true }),
    declaredValue: t.field({ type: MoneyInput, required: true }),
    salePrice: t.field({
      type: MoneyInput,
      required: true,
      description: "This package's share of the order's sale price.",
    }),
    shippingFee: t.field({ type: MoneyInput, required: true }),
    estimatedWeightGrams: t.int(),
    deliveryAddress: t.field({ type: AddressInput }),
    memberCenterAddress: t.field({ type: AddressInput }),
  }),
});

const RecordPackageEventInput = builder.inputType('RecordPackageEventInput', {
  fields: (t) => ({
    trackingNumber: t.string({ required: true }),
    type: t.field({ type: PackageEventTypeEnum, required: true }),
    occurredAt: t.field({
      type: 'DateTime',
      required: true,
      description: "The carrier's time. Any past time is accepted; a future one is INVALID_INPUT.",
    }),
    signedBy: t.string(),
    actualWeightGrams: t.int(),
  }),
});

const RegisterPackagePayload = payloadType('RegisterPackagePayload', 'package', PackageRef);
const RecordPackageEventPayload = payloadType('RecordPackageEventPayload', 'package', PackageRef);

builder.mutationFields((t) => ({
  registerPackage: t.field({
    type: RegisterPackagePayload,
    description:
      'Registers a package of a guaranteed order (NOT_COVERED without an ACTIVE guarantee).',
    authScopes: { secretKey: true },
    args: { input: t.arg({ type: RegisterPackageInput, required: true }) },
    resolve: async (_root, { input }, ctx) =>
      toPayload(await registerPackage(ctx.app, storefrontOf(ctx.viewer) as string, input, ctx.now)),
  }),
  recordPackageEvent: t.field({
    type: RecordPackageEventPayload,
    description: 'Records a carrier event; late, repeated and out-of-order events are handled.',
    authScopes: { secretKey: true },
    args: { input: t.arg({ type: RecordPackageEventInput, required: true }) },
    resolve: async (_root, { input }, ctx) =>
      toPayload(
        await recordPackageEvent(ctx.app, storefrontOf(ctx.viewer) as string, input, ctx.now),
      ),
  }),
}));
