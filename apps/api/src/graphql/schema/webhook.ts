// A storefront's webhooks: the delivery log, redelivery, secret rotation and the URL. The work
// is done by services/webhooks; this file decodes global IDs and maps results to payloads.

import type { DeliveryAttemptRow, StorefrontRow } from '@lg/db';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';
import { failure } from '../../services/outcome.js';
import { updateStorefront } from '../../services/storefronts/update-storefront.js';
import {
  DELIVERY_STATUSES,
  type DeliveryStatus,
  findWebhookDelivery,
  type WebhookDeliveryView,
} from '../../services/webhooks/delivery-store.js';
import { listWebhookDeliveries } from '../../services/webhooks/list-webhook-deliveries.js';
import { redeliverWebhook } from '../../services/webhooks/redeliver-webhook.js';
import { rotateWebhookSecret } from '../../services/webhooks/rotate-webhook-secret.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { idOf } from '../global-id.js';
import { pageRequestOf, totalCountDescription } from '../paging.js';
import { described } from './enums.js';
import { StorefrontRef } from './storefront.js';
import { type Payload, toPayload, USER_ERRORS_DESCRIPTION, UserErrorRef } from './user-error.js';

const WebhookDeliveryStatusEnum = builder.enumType('WebhookDeliveryStatus', {
  description:
    'PENDING: waiting for its next attempt. DELIVERED: answered 2xx. DEAD: every attempt failed (or no URL); redeliverable.',
  values: described<DeliveryStatus>(DELIVERY_STATUSES, {
    PENDING: 'Waiting for its next attempt (nextAttemptAt).',
    DELIVERED: 'The receiver answered 2xx.',
    DEAD: 'Every attempt failed, or the storefront has no URL; redeliverWebhook sends it again.',
  }),
});

const WebhookDeliveryAttemptRef = builder
  .objectRef<DeliveryAttemptRow>('WebhookDeliveryAttempt')
  .implement({
    description: 'One try at sending a webhook delivery.',
    fields: (t) => ({
      attempt: t.exposeInt('attempt', { description: '1 for the first try.' }),
      at: t.field({ type: 'DateTime', description: 'When it was sent.', resolve: (a) => a.at }),
      url: t.exposeString('url', { nullable: true, description: 'Where this attempt was sent.' }),
      statusCode: t.exposeInt('statusCode', {
        nullable: true,
        description: "The receiver's HTTP status; null when there was no answer.",
      }),
      error: t.exposeString('error', {
        nullable: true,
        description:
          'Why it failed, as a class (e.g. "connection refused"); null when it succeeded.',
      }),
      durationMs: t.exposeInt('durationMs', {
        description: 'How long the try took, in milliseconds, until its answer or failure.',
      }),
      ok: t.exposeBoolean('ok', { description: 'True when the receiver answered 2xx.' }),
    }),
  });

/** Who the storefront of the request is: a secret key's own, or the one an operator names. */
function storefrontScope(ctx: Context): string | null {
  return ctx.viewer.kind === 'secret' ? ctx.viewer.storefrontId : null;
}

const WebhookDeliveryRef = builder.node(builder.objectRef<WebhookDeliveryView>('WebhookDelivery'), {
  description: 'One event sent to one storefront URL, with every attempt.',
  id: { resolve: (d) => d.id },
  loadOne: (id, ctx) => {
    if (ctx.viewer.kind !== 'secret' && ctx.viewer.kind !== 'operator') return null;
    return findWebhookDelivery(ctx.app.db, id, storefrontScope(ctx));
  },
  fields: (t) => ({
    eventId: t.exposeString('eventId', {
      description: 'The event id: the LG-Event-Id header and the body\'s "id". Deduplicate on it.',
    }),
    eventType: t.exposeString('eventType', {
      description: 'The event, e.g. "guarantee.purchased" or "claim.completed".',
    }),
    status: t.field({
      type: WebhookDeliveryStatusEnum,
      description: 'Waiting, delivered or given up on.',
      resolve: (d) => d.status,
    }),
    url: t.exposeString('target', { description: 'Where it was (last) sent.' }),
    attemptCount: t.exposeInt('attempts', { description: 'How many times it was tried.' }),
    attempts: t.field({
      type: [WebhookDeliveryAttemptRef],
      description: 'Every try, the first first.',
      resolve: (d) => d.attemptRows,
    }),
    lastStatusCode: t.exposeInt('lastStatusCode', {
      nullable: true,
      description: "The last try's HTTP status; null if it got no answer or none was made.",
    }),
    lastError: t.exposeString('lastError', {
      nullable: true,
      description: 'Why the last try failed, as a class; null if it succeeded or none was made.',
    }),
    nextAttemptAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the next attempt is due; null once DELIVERED or DEAD.',
      resolve: (d) => (d.status === 'PENDING' ? d.nextAttemptAt : null),
    }),
    deliveredAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the receiver answered 2xx; null until DELIVERED.',
      resolve: (d) => d.deliveredAt,
    }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'When the event was recorded: the log is ordered by it, newest first.',
      resolve: (d) => d.createdAt,
    }),
    redeliveryOf: t.id({
      nullable: true,
      description: 'The WebhookDelivery this one re-sends, when asked for with redeliverWebhook.',
      resolve: (d) => (d.redeliveryOf ? encodeGlobalID('WebhookDelivery', d.redeliveryOf) : null),
    }),
    payload: t.string({
      description: 'The JSON body: { id, type, createdAt, data }.',
      resolve: (d) => d.body,
    }),
  }),
});

const WebhookDeliveryConnection = builder.connectionObject(
  {
    type: WebhookDeliveryRef,
    name: 'WebhookDeliveryConnection',
    description: 'A page of the webhook delivery log, newest first.',
    fields: (t) => ({
      totalCount: t.int({
        description: totalCountDescription('deliveries'),
        resolve: (connection) => connection.count(),
      }),
    }),
  },
  { name: 'WebhookDeliveryEdge', description: 'A webhook delivery and its cursor.' },
);

const WebhookDeliveryFilter = builder.inputType('WebhookDeliveryFilter', {
  description: 'Narrows the delivery log; every condition given must hold.',
  fields: (t) => ({
    status: t.field({
      type: [WebhookDeliveryStatusEnum],
      description: 'DEAD lists the dead letters.',
    }),
    eventType: t.string({ description: 'e.g. "claim.completed"' }),
    eventId: t.string({
      description: "One event's deliveries (its LG-Event-Id), redeliveries included.",
    }),
  }),
});

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

builder.queryField('webhookDeliveries', (t) =>
  t.connection(
    {
      type: WebhookDeliveryRef,
      description:
        "The storefront's webhook delivery log, newest first. Operators see every storefront's, or one with storefrontId.",
      authScopes: { secretKey: true, operator: true },
      args: {
        filter: t.arg({ type: WebhookDeliveryFilter, description: 'Narrows the log.' }),
        storefrontId: t.arg.id({ description: 'Operators only.' }),
      },
      resolve: async (_root, args, ctx) => {
        const page = pageRequestOf(args);
        let storefrontId = storefrontScope(ctx);
        if (ctx.viewer.kind === 'operator' && args.storefrontId) {
          storefrontId = idOf('Storefront', String(args.storefrontId));
          if (!storefrontId) throw badInput('storefrontId is not a Storefront id');
        }
        return listWebhookDeliveries(ctx.app.db, { storefrontId, page, filter: args.filter });
      },
    },
    WebhookDeliveryConnection,
  ),
);

/** The storefront a mutation acts on: a secret key's own; an operator must name one. */
function targetStorefront(
  ctx: Context,
  given: string | number | null | undefined,
): { ok: true; id: string } | { ok: false; payload: Payload<never> } {
  if (ctx.viewer.kind === 'secret') {
    if (given && idOf('Storefront', String(given)) !== ctx.viewer.storefrontId)
      return {
        ok: false,
        payload: toPayload(failure('NOT_FOUND', 'no such storefront', ['input', 'storefrontId'])),
      };
    return { ok: true, id: ctx.viewer.storefrontId };
  }
  const id = given ? idOf('Storefront', String(given)) : null;
  if (!id) {
    return {
      ok: false,
      payload: toPayload(
        failure('INVALID_INPUT', 'operators name the storefront with storefrontId', [
          'input',
          'storefrontId',
        ]),
      ),
    };
  }
  return { ok: true, id };
}

const RotateWebhookSecretInput = builder.inputType('RotateWebhookSecretInput', {
  description: 'Whose webhook secret to replace.',
  fields: (t) => ({ storefrontId: t.id({ description: 'Operators only.' }) }),
});

const RotateWebhookSecretPayload = builder
  .objectRef<Payload<{ storefront: StorefrontRow; webhookSecret: string }>>(
    'RotateWebhookSecretPayload',
  )
  .implement({
    description: 'The new secret is shown here once; every attempt from now on is signed with it.',
    fields: (t) => ({
      storefront: t.field({
        type: StorefrontRef,
        nullable: true,
        description:
          'The storefront, with when the previous secret stops signing; null when refused.',
        resolve: (p) => p.value?.storefront,
      }),
      webhookSecret: t.string({
        nullable: true,
        description: 'The new signing secret, shown this once.',
        resolve: (p) => p.value?.webhookSecret,
      }),
      userErrors: t.field({
        type: [UserErrorRef],
        description: USER_ERRORS_DESCRIPTION,
        resolve: (p) => p.userErrors,
      }),
    }),
  });

const RedeliverWebhookInput = builder.inputType('RedeliverWebhookInput', {
  description: 'The delivery to send again.',
  fields: (t) => ({
    deliveryId: t.id({
      required: true,
      description: "The delivery's global ID (WebhookDelivery.id).",
    }),
  }),
});

const RedeliverWebhookPayload = builder
  .objectRef<Payload<WebhookDeliveryView>>('RedeliverWebhookPayload')
  .implement({
    description: 'The result of redeliverWebhook.',
    fields: (t) => ({
      webhookDelivery: t.field({
        type: WebhookDeliveryRef,
        nullable: true,
        description: 'The new delivery; it is attempted right away, then on the retry schedule.',
        resolve: (p) => p.value,
      }),
      userErrors: t.field({
        type: [UserErrorRef],
        description: USER_ERRORS_DESCRIPTION,
        resolve: (p) => p.userErrors,
      }),
    }),
  });

const UpdateStorefrontInput = builder.inputType('UpdateStorefrontInput', {
  description: 'What to change on a storefront; absent fields stay as they are.',
  fields: (t) => ({
    storefrontId: t.id({ description: 'Operators only.' }),
    webhookUrl: t.string({ description: 'An http(s) URL; null removes it. Absent: unchanged.' }),
    name: t.string({ description: 'Absent or null: unchanged.' }),
    allowedOrigins: t.stringList({
      description:
        'Origins the widget may run on, checked as at creation; replaces the list at once on every instance. Absent or null: unchanged.',
    }),
  }),
});

const UpdateStorefrontPayload = builder
  .objectRef<Payload<StorefrontRow>>('UpdateStorefrontPayload')
  .implement({
    description: 'The result of updateStorefront.',
    fields: (t) => ({
      storefront: t.field({
        type: StorefrontRef,
        nullable: true,
        description: 'The storefront as it is now; null when refused.',
        resolve: (p) => p.value,
      }),
      userErrors: t.field({
        type: [UserErrorRef],
        description: USER_ERRORS_DESCRIPTION,
        resolve: (p) => p.userErrors,
      }),
    }),
  });

builder.mutationFields((t) => ({
  rotateWebhookSecret: t.field({
    type: RotateWebhookSecretPayload,
    description:
      'Replaces the webhook signing secret. For 24 hours deliveries carry a signature with the previous secret too, so receivers can switch without refusing one.',
    authScopes: { secretKey: true, operator: true },
    args: {
      input: t.arg({
        type: RotateWebhookSecretInput,
        description: 'Operators name the storefront; a secret key rotates its own.',
      }),
    },
    resolve: async (_root, { input }, ctx) => {
      const target = targetStorefront(ctx, input?.storefrontId);
      if (!target.ok) return target.payload;
      return toPayload(await rotateWebhookSecret(ctx.app.db, target.id, ctx.now));
    },
  }),
  redeliverWebhook: t.field({
    type: RedeliverWebhookPayload,
    description: 'Sends an event again (a dead letter, or one the receiver lost).',
    authScopes: { secretKey: true, operator: true },
    args: {
      input: t.arg({
        type: RedeliverWebhookInput,
        required: true,
        description: 'The delivery to send again.',
      }),
    },
    resolve: async (_root, { input }, ctx) => {
      const id = idOf('WebhookDelivery', String(input.deliveryId));
      if (!id)
        return toPayload(failure('NOT_FOUND', 'no such webhook delivery', ['input', 'deliveryId']));
      return toPayload(await redeliverWebhook(ctx.app.db, storefrontScope(ctx), id, ctx.now));
    },
  }),
  updateStorefront: t.field({
    type: UpdateStorefrontPayload,
    description:
      "Changes the storefront's name, allowed origins or webhook URL; pending retries go to the new URL.",
    authScopes: { secretKey: true, operator: true },
    args: {
      input: t.arg({ type: UpdateStorefrontInput, required: true, description: 'The changes.' }),
    },
    resolve: async (_root, { input }, ctx) => {
      const target = targetStorefront(ctx, input.storefrontId);
      if (!target.ok) return target.payload;
      return toPayload(
        await updateStorefront(ctx.app.db, target.id, input, {
          allowPrivateNetworks: ctx.app.config.webhookPrivateNetworks,
        }),
      );
    },
  }),
}));
