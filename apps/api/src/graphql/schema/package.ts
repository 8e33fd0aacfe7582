import type { PackageRow } from '@lg/db';
import { maxCompensation, money, type PostalAddress } from '@lg/domain';
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

const AddressRef = builder.objectRef<PostalAddress>('Address').implement({
  description: 'A postal address as the storefront registered it with a package.',
  fields: (t) => ({
    line1: t.exposeString('line1', { description: 'Street and number.' }),
    line2: t.exposeString('line2', {
      nullable: true,
      description: 'Apartment, suite, building...; null if none.',
    }),
    city: t.exposeString('city', { description: 'City or town.' }),
    region: t.exposeString('region', {
      nullable: true,
      description: 'State, province or region; null if none.',
    }),
    postalCode: t.exposeString('postalCode', {
      nullable: true,
      description: 'Postal or ZIP code; null if none.',
    }),
    countryCode: t.exposeString('countryCode', { description: 'ISO 3166-1 alpha-2, e.g. "US".' }),
  }),
});

export const PackageRef = builder.node(builder.objectRef<PackageRow>('Package'), {
  description:
    'One shipment of a guaranteed order: what it holds and is worth, and what its carrier reported.',
  id: { resolve: (p) => p.id },
  loadOne: (id, ctx) => (isUuid(id) ? loadVisiblePackage(ctx, id) : null),
  fields: (t) => ({
    trackingNumber: t.exposeString('trackingNumber', {
      description: "The carrier's tracking number: how events and claims name the package.",
    }),
    status: t.field({
      type: PackageStatusEnum,
      description: 'Where the package is, from its carrier events.',
      resolve: (p) => p.status,
    }),
    declaredValue: t.field({
      type: MoneyRef,
      description: 'The value of the items in the package (POLICY R5, R6).',
      resolve: (p) => money(p.declaredValueMinor, p.currency),
    }),
    salePrice: t.field({
      type: MoneyRef,
      description: "This package's share of the order's sale price (R5, R6).",
      resolve: (p) => money(p.salePriceMinor, p.currency),
    }),
    shippingFee: t.field({
      type: MoneyRef,
      description:
        "The package's shipping fee, paid back with a loss (R5) and in part with damage (R8).",
      resolve: (p) => money(p.shippingFeeMinor, p.currency),
    }),
    estimatedWeightGrams: t.exposeInt('estimatedWeightGrams', {
      nullable: true,
      description: 'The weight expected at registration, in grams; null if not given.',
    }),
    actualWeightGrams: t.exposeInt('actualWeightGrams', {
      nullable: true,
      description: 'The weight the carrier reported, in grams; a shortfall is flagged (R7, R12).',
    }),
    shippedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: "When the carrier took it (the carrier's time); null until SHIPPED.",
      resolve: (p) => p.shippedAt,
    }),
    arrivedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: "When it reached the destination; R15's 30 days count from here.",
      resolve: (p) => p.arrivedAt,
    }),
    deliveredAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: "When the recipient received it; R14's 24 hours count from here.",
      resolve: (p) => p.deliveredAt,
    }),
    lostAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the carrier reported it lost (R16); null otherwise.',
      resolve: (p) => p.lostAt,
    }),
    signedBy: t.exposeString('signedBy', {
      nullable: true,
      description: 'Who signed for the delivery, as the carrier reported; null if nobody did.',
    }),
    deliveryAddress: t.field({
      type: AddressRef,
      nullable: true,
      description: 'Where the package was sent, as registered; null if not given.',
      resolve: (p) => p.deliveryAddress,
    }),
    memberCenterAddress: t.field({
      type: AddressRef,
      nullable: true,
      description:
        "The member's Member Center address, as registered; compared with deliveryAddress (R12).",
      resolve: (p) => p.memberCenterAddress,
    }),
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
        if (!guarantee) throw new Error(`package ${p.id} has no guarantee`);
        const policy = await ctx.app.policies.forGuarantee(guarantee);
        return maxCompensation(packageMoney(p), paidSoFar(p), policy);
      },
    }),
  }),
});

const AddressInput = builder.inputType('AddressInput', {
  description: 'A postal address, compared to spot an ADDRESS_MISMATCH (POLICY R12).',
  fields: (t) => ({
    line1: t.string({ required: true, description: 'Street and number.' }),
    line2: t.string({ description: 'Apartment, suite, building...' }),
    city: t.string({ required: true, description: 'City or town.' }),
    region: t.string({ description: 'State, province or region, where the country has one.' }),
    postalCode: t.string({ description: 'Postal or ZIP code, where the country has one.' }),
    countryCode: t.string({ required: true, description: 'ISO 3166-1 alpha-2, e.g. "US"' }),
  }),
});

const RegisterPackageInput = builder.inputType('RegisterPackageInput', {
  description: 'A package of a guaranteed order, as the storefront ships it.',
  fields: (t) => ({
    orderNumber: t.string({
      required: true,
      description: 'The order the guarantee was bought with.',
    }),
    trackingNumber: t.string({
      required: true,
      description: "The carrier's tracking number; unique (DUPLICATE_TRACKING_NUMBER).",
    }),
    declaredValue: t.field({
      type: MoneyInput,
      required: true,
      description: 'The value of the items in the package.',
    }),
    salePrice: t.field({
      type: MoneyInput,
      required: true,
      description: "This package's share of the order's sale price.",
    }),
    shippingFee: t.field({
      type: MoneyInput,
      required: true,
      description: "The package's shipping fee.",
    }),
    estimatedWeightGrams: t.int({
      description: 'The expected weight in grams, to flag a WEIGHT_SHORTFALL (POLICY R7).',
    }),
    deliveryAddress: t.field({ type: AddressInput, description: 'Where the package is sent.' }),
    memberCenterAddress: t.field({
      type: AddressInput,
      description: "The member's address in the storefront's Member Center (R12).",
    }),
  }),
});

const RecordPackageEventInput = builder.inputType('RecordPackageEventInput', {
  description: 'One carrier report about a registered package.',
  fields: (t) => ({
    trackingNumber: t.string({ required: true, description: 'The package it is about.' }),
    type: t.field({ type: PackageEventTypeEnum, required: true, description: 'What happened.' }),
    occurredAt: t.field({
      type: 'DateTime',
      required: true,
      description: "The carrier's time. Any past time is accepted; a future one is INVALID_INPUT.",
    }),
    signedBy: t.string({ description: 'DELIVERED: who signed for it; absent if nobody did.' }),
    actualWeightGrams: t.int({ description: 'The weight the carrier measured, in grams.' }),
  }),
});

const RegisterPackagePayload = payloadType('RegisterPackagePayload', 'package', PackageRef, {
  payload: 'The result of registerPackage.',
  value: 'The registered package; null when refused.',
});
const RecordPackageEventPayload = payloadType('RecordPackageEventPayload', 'package', PackageRef, {
  payload: 'The result of recordPackageEvent.',
  value: 'The package with the event applied; null when refused.',
});

builder.mutationFields((t) => ({
  registerPackage: t.field({
    type: RegisterPackagePayload,
    description:
      'Registers a package of a guaranteed order (NOT_COVERED without an ACTIVE guarantee).',
    authScopes: { secretKey: true },
    args: {
      input: t.arg({ type: RegisterPackageInput, required: true, description: 'The package.' }),
    },
    resolve: async (_root, { input }, ctx) =>
      toPayload(await registerPackage(ctx.app, storefrontOf(ctx.viewer) as string, input, ctx.now)),
  }),
  recordPackageEvent: t.field({
    type: RecordPackageEventPayload,
    description: 'Records a carrier event; late, repeated and out-of-order events are handled.',
    authScopes: { secretKey: true },
    args: {
      input: t.arg({
        type: RecordPackageEventInput,
        required: true,
        description: 'The carrier event.',
      }),
    },
    resolve: async (_root, { input }, ctx) =>
      toPayload(
        await recordPackageEvent(ctx.app, storefrontOf(ctx.viewer) as string, input, ctx.now),
      ),
  }),
}));
