import type { StorefrontRow } from '@lg/db';
import { storefrontOf } from '../../auth/viewer.js';
import {
  type CreatedStorefront,
  createStorefront,
} from '../../services/storefronts/create-storefront.js';
import { findStorefront } from '../../services/storefronts/find-storefront.js';
import { isUuid } from '../../services/uuid.js';
import { builder } from '../builder.js';
import { type Payload, toPayload, UserErrorRef } from './user-error.js';

/** Test and live data never meet: a storefront and its keys are of one mode. */
export const KeyModeEnum = builder.enumType('KeyMode', {
  values: { TEST: { value: 'test' }, LIVE: { value: 'live' } } as const,
});

export const StorefrontRef = builder.node(builder.objectRef<StorefrontRow>('Storefront'), {
  id: { resolve: (s) => s.id },
  loadOne: async (id, ctx) => {
    if (!isUuid(id)) return null;
    if (ctx.viewer.kind !== 'operator' && storefrontOf(ctx.viewer) !== id) return null;
    if (ctx.viewer.kind === 'publishable' || ctx.viewer.kind === 'member') return null;
    return findStorefront(ctx.app.db, id);
  },
  fields: (t) => ({
    name: t.exposeString('name'),
    mode: t.field({
      type: KeyModeEnum,
      description:
        "The mode of this storefront's keys and data. A shop's test and live data are two storefronts (createApiKey makes the second).",
      resolve: (s) => s.mode,
    }),
    allowedOrigins: t.exposeStringList('allowedOrigins'),
    webhookUrl: t.exposeString('webhookUrl', { nullable: true }),
    previousWebhookSecretExpiresAt: t.field({
      type: 'DateTime',
      nullable: true,
      description:
        'After rotateWebhookSecret: until when deliveries are signed with the previous secret too.',
      resolve: (s) => s.previousWebhookSecretExpiresAt,
    }),
  }),
});

const CreateStorefrontInput = builder.inputType('CreateStorefrontInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    allowedOrigins: t.stringList({
      required: true,
      description: 'Origins the widget may run on, e.g. https://shop.example.com',
    }),
    webhookUrl: t.string(),
  }),
});

const CreateStorefrontPayload = builder
  .objectRef<Payload<CreatedStorefront>>('CreateStorefrontPayload')
  .implement({
    description: 'The keys and webhook secret are shown here once and never again.',
    fields: (t) => ({
      storefront: t.field({
        type: StorefrontRef,
        nullable: true,
        resolve: (p) => p.value?.storefront,
      }),
      publishableKey: t.string({ nullable: true, resolve: (p) => p.value?.publishableKey }),
      secretKey: t.string({ nullable: true, resolve: (p) => p.value?.secretKey }),
      webhookSecret: t.string({ nullable: true, resolve: (p) => p.value?.webhookSecret }),
      userErrors: t.field({ type: [UserErrorRef], resolve: (p) => p.userErrors }),
    }),
  });

builder.mutationField('createStorefront', (t) =>
  t.field({
    type: CreateStorefrontPayload,
    authScopes: { operator: true },
    args: { input: t.arg({ type: CreateStorefrontInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const result = await createStorefront(ctx.app.db, input, {
        allowPrivateNetworks: ctx.app.config.webhookPrivateNetworks,
      });
      return toPayload(result);
    },
  }),
);
