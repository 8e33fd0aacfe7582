// API keys of storefronts: listed by hint, created by operators in either mode, rolled with an
// overlap window (services/keys/). The key itself appears once, in the payload that made it.
import type { ApiKeyRow } from '@lg/db';
import { type CreatedKey, createApiKey } from '../../services/keys/create-api-key.js';
import { findApiKey } from '../../services/keys/find-api-key.js';
import { listApiKeys } from '../../services/keys/list-api-keys.js';
import {
  DEFAULT_ROLL_OVERLAP_HOURS,
  MAX_ROLL_OVERLAP_HOURS,
  type RolledKey,
  rollApiKey,
} from '../../services/keys/roll-api-key.js';
import { failure } from '../../services/outcome.js';
import { isUuid } from '../../services/uuid.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { idOf } from '../global-id.js';
import { KeyModeEnum, StorefrontRef } from './storefront.js';
import { type Payload, toPayload, USER_ERRORS_DESCRIPTION, UserErrorRef } from './user-error.js';

const ApiKeyKindEnum = builder.enumType('ApiKeyKind', {
  description: 'Where a key may be used: in browsers (publishable) or on a server (secret).',
  values: {
    PUBLISHABLE: { value: 'publishable', description: 'pk_: the widget, in browsers.' },
    SECRET: { value: 'secret', description: "sk_: the storefront's server." },
  } as const,
});

/** The storefront whose keys the viewer manages: a secret key's own; null for operators (any). */
function keyScope(ctx: Context): string | null {
  return ctx.viewer.kind === 'secret' ? ctx.viewer.storefrontId : null;
}

const ApiKeyRef = builder.node(builder.objectRef<ApiKeyRow>('ApiKey'), {
  description: 'A publishable or secret key of a storefront, by its hint: the key is shown once.',
  id: { resolve: (k) => k.id },
  loadOne: (id, ctx) => {
    if (!isUuid(id) || (ctx.viewer.kind !== 'secret' && ctx.viewer.kind !== 'operator'))
      return null;
    return findApiKey(ctx.app.db, id, keyScope(ctx));
  },
  fields: (t) => ({
    kind: t.field({
      type: ApiKeyKindEnum,
      description: 'Publishable or secret.',
      resolve: (k) => (k.kind === 'secret' ? 'secret' : 'publishable'),
    }),
    mode: t.field({
      type: KeyModeEnum,
      description: "Test or live: its storefront's mode.",
      resolve: (k) => k.mode,
    }),
    hint: t.exposeString('hint', { description: 'The first characters, e.g. sk_test_AbC1…' }),
    label: t.exposeString('label', {
      nullable: true,
      description: 'A name for people, e.g. "checkout server"; null if none was given.',
    }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'When the key was made.',
      resolve: (k) => k.createdAt,
    }),
    expiresAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'After rollApiKey: when this key stops working (its replacement already works).',
      resolve: (k) => k.expiresAt,
    }),
    revokedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the key was revoked and stopped working; null while it works.',
      resolve: (k) => k.revokedAt,
    }),
  }),
});

builder.objectField(StorefrontRef, 'apiKeys', (t) =>
  t.field({
    type: [ApiKeyRef],
    description: "The storefront's keys, revoked and rolled ones included, oldest first.",
    authScopes: { secretKey: true, operator: true },
    resolve: (s, _args, ctx) => listApiKeys(ctx.app.db, s.id),
  }),
);

const CreateApiKeyInput = builder.inputType('CreateApiKeyInput', {
  description: 'The key to make, and for which storefront.',
  fields: (t) => ({
    storefrontId: t.id({ required: true, description: "The storefront's global ID." }),
    kind: t.field({ type: ApiKeyKindEnum, required: true, description: 'Publishable or secret.' }),
    mode: t.field({
      type: KeyModeEnum,
      required: true,
      description:
        "A mode other than the storefront's gives the key to the shop's storefront of that mode (created on first use): test and live data never meet.",
    }),
    label: t.string({ description: 'A name for people, e.g. "checkout server".' }),
  }),
});

const CreateApiKeyPayload = builder
  .objectRef<Payload<CreatedKey>>('CreateApiKeyPayload')
  .implement({
    description: 'The key is shown here once and never again.',
    fields: (t) => ({
      apiKey: t.field({
        type: ApiKeyRef,
        nullable: true,
        description: 'The new key, by its hint; null when refused.',
        resolve: (p) => p.value?.apiKey,
      }),
      key: t.string({
        nullable: true,
        description: 'The key itself (pk_... or sk_...), shown this once.',
        resolve: (p) => p.value?.key,
      }),
      storefront: t.field({
        type: StorefrontRef,
        nullable: true,
        description: "The storefront the key belongs to: the shop's storefront of the key's mode.",
        resolve: (p) => p.value?.storefront,
      }),
      userErrors: t.field({
        type: [UserErrorRef],
        description: USER_ERRORS_DESCRIPTION,
        resolve: (p) => p.userErrors,
      }),
    }),
  });

const RollApiKeyInput = builder.inputType('RollApiKeyInput', {
  description: 'The key to replace, and how long it keeps working.',
  fields: (t) => ({
    apiKeyId: t.id({ required: true, description: "The key's global ID (ApiKey.id)." }),
    expiresInHours: t.int({
      description: `How long the old key keeps working beside the new one: 0 (stops now) to ${MAX_ROLL_OVERLAP_HOURS}; default ${DEFAULT_ROLL_OVERLAP_HOURS}.`,
    }),
  }),
});

const RollApiKeyPayload = builder.objectRef<Payload<RolledKey>>('RollApiKeyPayload').implement({
  description: 'The new key is shown here once and never again.',
  fields: (t) => ({
    apiKey: t.field({
      type: ApiKeyRef,
      nullable: true,
      description: 'The replacement, by its hint; null when refused.',
      resolve: (p) => p.value?.apiKey,
    }),
    key: t.string({
      nullable: true,
      description: 'The replacement key itself, shown this once.',
      resolve: (p) => p.value?.key,
    }),
    previousApiKey: t.field({
      type: ApiKeyRef,
      nullable: true,
      description: 'The rolled key, with when it stops working.',
      resolve: (p) => p.value?.previous,
    }),
    userErrors: t.field({
      type: [UserErrorRef],
      description: USER_ERRORS_DESCRIPTION,
      resolve: (p) => p.userErrors,
    }),
  }),
});

builder.mutationFields((t) => ({
  createApiKey: t.field({
    type: CreateApiKeyPayload,
    description:
      'A new publishable or secret key for a storefront, test or live; e.g. after its secret key was revoked, or for going live.',
    authScopes: { operator: true },
    args: {
      input: t.arg({ type: CreateApiKeyInput, required: true, description: 'The key to make.' }),
    },
    resolve: async (_root, { input }, ctx) => {
      const storefrontId = idOf('Storefront', String(input.storefrontId));
      if (!storefrontId)
        return toPayload(failure('NOT_FOUND', 'no such storefront', ['input', 'storefrontId']));
      return toPayload(
        await createApiKey(
          ctx.app.db,
          { storefrontId, kind: input.kind, mode: input.mode, label: input.label },
          ctx.now,
        ),
      );
    },
  }),
  rollApiKey: t.field({
    type: RollApiKeyPayload,
    description:
      "Replaces a storefront's key with a new one of the same kind and mode; the old one keeps working for the overlap, then is refused everywhere. A secret key rolls itself and its storefront's publishable keys; member sessions a rolled secret key created end with it.",
    authScopes: { secretKey: true, operator: true },
    args: {
      input: t.arg({ type: RollApiKeyInput, required: true, description: 'The key to replace.' }),
    },
    resolve: async (_root, { input }, ctx) => {
      const apiKeyId = idOf('ApiKey', String(input.apiKeyId));
      if (!apiKeyId)
        return toPayload(failure('NOT_FOUND', 'no such API key', ['input', 'apiKeyId']));
      return toPayload(
        await rollApiKey(
          ctx.app.db,
          ctx.viewer.kind === 'secret'
            ? { storefrontId: ctx.viewer.storefrontId, keyId: ctx.viewer.keyId }
            : null,
          { apiKeyId, expiresInHours: input.expiresInHours },
          ctx.now,
        ),
      );
    },
  }),
}));
