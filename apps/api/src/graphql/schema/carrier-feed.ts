// Carrier feeds: a storefront points a tracking service's webhooks at the API. The work is in
// services/carrier-feeds; this file maps its result to a payload.
import type { CarrierFeedRow } from '@lg/db';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { storefrontOf } from '../../auth/viewer.js';
import {
  CARRIER_FEED_PROVIDERS,
  type CarrierFeedProvider,
  carrierFeedPath,
  configureCarrierFeed,
} from '../../services/carrier-feeds/configure-carrier-feed.js';
import { success } from '../../services/outcome.js';
import { builder } from '../builder.js';
import { described } from './enums.js';
import { type Payload, toPayload, USER_ERRORS_DESCRIPTION, UserErrorRef } from './user-error.js';

const CarrierFeedProviderEnum = builder.enumType('CarrierFeedProvider', {
  description: 'A tracking service whose webhooks become package events.',
  values: described<CarrierFeedProvider>(CARRIER_FEED_PROVIDERS, {
    EASYPOST:
      'EasyPost: Event objects with a Tracker result, signed in X-Hmac-Signature with the webhook_secret given to EasyPost.',
    AFTERSHIP:
      "AfterShip Tracking: tracking_update webhooks, signed in aftership-hmac-sha256 with the account's webhook secret.",
  }),
});

interface CarrierFeedView {
  row: CarrierFeedRow;
  url: string;
}

const CarrierFeedRef = builder.objectRef<CarrierFeedView>('CarrierFeed').implement({
  description: "A storefront's feed from one tracking service.",
  fields: (t) => ({
    id: t.id({
      description: "The feed's global ID: one per storefront and provider.",
      resolve: (f) => encodeGlobalID('CarrierFeed', `${f.row.storefrontId}:${f.row.provider}`),
    }),
    provider: t.field({
      type: CarrierFeedProviderEnum,
      description: 'The tracking service.',
      resolve: (f) => f.row.provider,
    }),
    url: t.exposeString('url', {
      description:
        "Where the service posts its webhooks: absolute when the API's public URL (LG_PUBLIC_URL) is set, else relative to the API's origin.",
    }),
    previousSecretExpiresAt: t.field({
      type: 'DateTime',
      nullable: true,
      description:
        'Until when the secret replaced by the last rotation still verifies deliveries; null when none does.',
      resolve: (f) => f.row.previousSecretExpiresAt,
    }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'When the feed was first configured.',
      resolve: (f) => f.row.createdAt,
    }),
  }),
});

const ConfigureCarrierFeedInput = builder.inputType('ConfigureCarrierFeedInput', {
  description: 'Which tracking service, and optionally its own secret.',
  fields: (t) => ({
    provider: t.field({
      type: CarrierFeedProviderEnum,
      required: true,
      description: 'The tracking service.',
    }),
    secret: t.string({
      description:
        'The secret the service signs with, when it issues its own (AfterShip shows one per account under Settings > Webhooks): 16 to 256 characters. Absent: one is generated, to give the service (EasyPost: webhook_secret).',
    }),
    revokePreviousSecret: t.boolean({
      description:
        'True ends the replaced secret at once (it leaked) instead of letting it verify for 24 hours.',
    }),
  }),
});

const ConfigureCarrierFeedPayload = builder
  .objectRef<Payload<{ feed: CarrierFeedView; secret: string }>>('ConfigureCarrierFeedPayload')
  .implement({
    description: 'The feed and its secret, shown this once.',
    fields: (t) => ({
      carrierFeed: t.field({
        type: CarrierFeedRef,
        nullable: true,
        description: 'The feed; null when refused.',
        resolve: (p) => p.value?.feed,
      }),
      url: t.string({
        nullable: true,
        description: 'Where the service posts its webhooks (carrierFeed.url).',
        resolve: (p) => p.value?.feed.url,
      }),
      secret: t.string({
        nullable: true,
        description:
          'The secret deliveries must be signed with, shown this once; configuring again rotates it.',
        resolve: (p) => p.value?.secret,
      }),
      userErrors: t.field({
        type: [UserErrorRef],
        description: USER_ERRORS_DESCRIPTION,
        resolve: (p) => p.userErrors,
      }),
    }),
  });

builder.mutationField('configureCarrierFeed', (t) =>
  t.field({
    type: ConfigureCarrierFeedPayload,
    description:
      "Sets up a tracking service's webhooks as a source of package events, or rotates the feed's secret (the previous one verifies for 24 more hours unless revoked).",
    authScopes: { secretKey: true },
    args: {
      input: t.arg({
        type: ConfigureCarrierFeedInput,
        required: true,
        description: 'The service, and its secret when it issues one.',
      }),
    },
    resolve: async (_root, { input }, ctx) => {
      const storefrontId = storefrontOf(ctx.viewer) as string;
      const outcome = await configureCarrierFeed(ctx.app.db, storefrontId, input, ctx.now);
      const base = ctx.app.config.publicUrl?.replace(/\/+$/, '') ?? '';
      return toPayload<{ feed: CarrierFeedView; secret: string }>(
        outcome.ok
          ? success({
              feed: {
                row: outcome.value.feed,
                url: `${base}${carrierFeedPath(outcome.value.feed.provider, storefrontId)}`,
              },
              secret: outcome.value.secret,
            })
          : outcome,
      );
    },
  }),
);
