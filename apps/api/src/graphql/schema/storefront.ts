import type { StorefrontRow } from '@lg/db';
import { storefrontOf } from '../../auth/viewer.js';
import {
  type CreatedStorefront,
  createStorefront,
} from '../../services/storefronts/create-storefront.js';
import { findStorefront } from '../../services/storefronts/find-storefront.js';
import {
  listStorefronts,
  MAX_LISTED_STOREFRONTS,
} from '../../services/storefronts/list-storefronts.js';
import { isUuid } from '../../services/uuid.js';
import { builder } from '../builder.js';
import { type Payload, toPayload, USER_ERRORS_DESCRIPTION, UserErrorRef } from './user-error.js';

/** Test and live data never meet: a storefront and its keys are of one mode. */
export const KeyModeEnum = builder.enumType('KeyMode', {
  description:
    "Test or live: a storefront's data and keys are of one mode, and never meet the other's.",
  values: {
    TEST: { value: 'test', description: 'pk_test_ and sk_test_ keys: integration and trials.' },
    LIVE: { value: 'live', description: 'pk_live_ and sk_live_ keys: real orders.' },
  } as const,
});

export const StorefrontRef = builder.node(builder.objectRef<StorefrontRow>('Storefront'), {
  description:
    'A shop selling the guarantee, in one mode: its keys, the origins its widget runs on, where its webhooks go.',
  id: { resolve: (s) => s.id },
  loadOne: async (id, ctx) => {
    if (!isUuid(id)) return null;
    if (ctx.viewer.kind !== 'operator' && storefrontOf(ctx.viewer) !== id) return null;
    if (ctx.viewer.kind === 'publishable' || ctx.viewer.kind === 'member') return null;
    return findStorefront(ctx.app.db, id);
  },
  fields: (t) => ({
    name: t.exposeString('name', { description: "The shop's name." }),
    mode: t.field({
      type: KeyModeEnum,
      description:
        "The mode of this storefront's keys and data. A shop's test and live data are two storefronts (createApiKey makes the second).",
      resolve: (s) => s.mode,
    }),
    allowedOrigins: t.exposeStringList('allowedOrigins', {
      description: 'The origins the widget may run on with its publishable key.',
    }),
    webhookUrl: t.exposeString('webhookUrl', {
      nullable: true,
      description: 'Where webhook events are POSTed; null: none are sent.',
    }),
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
  description: 'A new storefront, in test mode (createApiKey with LIVE makes its live side).',
  fields: (t) => ({
    name: t.string({ required: true, description: "The shop's name." }),
    allowedOrigins: t.stringList({
      required: true,
      description: 'Origins the widget may run on, e.g. https://shop.example.com',
    }),
    webhookUrl: t.string({ description: 'An http(s) URL for webhook events; absent: none.' }),
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
        description: 'The new storefront; null when refused.',
        resolve: (p) => p.value?.storefront,
      }),
      publishableKey: t.string({
        nullable: true,
        description: 'pk_test_...: for the widget, in browsers.',
        resolve: (p) => p.value?.publishableKey,
      }),
      secretKey: t.string({
        nullable: true,
        description: "sk_test_...: for the storefront's server only.",
        resolve: (p) => p.value?.secretKey,
      }),
      webhookSecret: t.string({
        nullable: true,
        description: 'Verifies the LG-Signature header of every webhook.',
        resolve: (p) => p.value?.webhookSecret,
      }),
      userErrors: t.field({
        type: [UserErrorRef],
        description: USER_ERRORS_DESCRIPTION,
        resolve: (p) => p.userErrors,
      }),
    }),
  });

builder.mutationField('createStorefront', (t) =>
  t.field({
    type: CreateStorefrontPayload,
    description:
      'Operators: creates a storefront (test mode) with its first keys and webhook secret, shown once.',
    authScopes: { operator: true },
    args: {
      input: t.arg({ type: CreateStorefrontInput, required: true, description: 'The storefront.' }),
    },
    resolve: async (_root, { input }, ctx) => {
      const result = await createStorefront(ctx.app.db, input, {
        allowPrivateNetworks: ctx.app.config.webhookPrivateNetworks,
      });
      return toPayload(result);
    },
  }),
);

builder.queryField('storefronts', (t) =>
  t.field({
    type: [StorefrontRef],
    description: `Operators: every storefront by name, the first ${MAX_LISTED_STOREFRONTS.toLocaleString('en-US')} (what the console's storefront filter offers).`,
    authScopes: { operator: true },
    resolve: (_root, _args, ctx) => listStorefronts(ctx.app.db),
  }),
);
