// Configures Pothos: plugins, the typed context and the scalars. Defines no object types.
import SchemaBuilder from '@pothos/core';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { GraphQLError } from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../services/keyset-cursor.js';
import type { Context } from './context.js';

export interface Scopes {
  /** Any valid credential. */
  authenticated: boolean;
  /** A publishable or secret key of a storefront. */
  storefrontKey: boolean;
  secretKey: boolean;
  member: boolean;
  operator: boolean;
}

export const builder = new SchemaBuilder<{
  Context: Context;
  AuthScopes: Scopes;
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Decimal: { Input: string; Output: string };
  };
  // Every connection's resolver returns how to count it, for `totalCount` (keyset-cursor.ts).
  Connection: { count: () => Promise<number> };
}>({
  plugins: [ScopeAuthPlugin, RelayPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    // A subscription's scopes are checked when it starts (and so refused before any event).
    authorizeOnSubscribe: true,
    authScopes: (context) => ({
      authenticated: context.viewer.kind !== 'anonymous',
      storefrontKey: context.viewer.kind === 'publishable' || context.viewer.kind === 'secret',
      secretKey: context.viewer.kind === 'secret',
      member: context.viewer.kind === 'member',
      operator: context.viewer.kind === 'operator',
    }),
    // Auth failures are UNAUTHENTICATED (no credential) or FORBIDDEN (wrong scope), never an
    // internal error with a stack.
    unauthorizedError: (_parent, context) =>
      context.viewer.kind === 'anonymous'
        ? new GraphQLError('a credential is required for this operation', {
            extensions: { code: 'UNAUTHENTICATED' },
          })
        : new GraphQLError('this credential may not perform this operation', {
            extensions: { code: 'FORBIDDEN' },
          }),
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodesQueryOptions: false,
    nodeQueryOptions: {
      description:
        'Any object with an `id`, refetched by that id; null if the viewer may not see it.',
      args: { id: { description: 'The global ID of any Node.' } },
    },
    nodeTypeOptions: {
      description: 'An object with a global ID, refetchable with `node(id:)`.',
    },
    idFieldOptions: {
      description: 'A global ID: opaque, stable, and accepted wherever this type is named by id.',
    },
    // The Relay plumbing says what it means too: every public type and field has a description
    // (schema-descriptions.test.ts walks them).
    pageInfoTypeOptions: { description: 'Where a page lies in its connection.' },
    hasNextPageFieldOptions: {
      description: 'Whether edges follow this page (ask with `first` and `after: endCursor`).',
    },
    hasPreviousPageFieldOptions: {
      description: 'Whether edges precede this page (ask with `last` and `before: startCursor`).',
    },
    startCursorFieldOptions: { description: "The first edge's cursor; null for an empty page." },
    endCursorFieldOptions: { description: "The last edge's cursor; null for an empty page." },
    pageInfoFieldOptions: { description: 'Where this page lies in the connection.' },
    edgesFieldOptions: { description: "The page's edges, in the connection's order." },
    nodesOnConnection: {
      description: "The page's nodes, in the connection's order: `edges { node }` without cursors.",
    },
    cursorFieldOptions: {
      description: 'Opaque: pass it as `after` or `before` to page from this edge.',
    },
    nodeFieldOptions: { description: 'The object at this edge.' },
    firstArgOptions: {
      description: `Forward paging: at most this many edges after \`after\`, 1 to ${MAX_PAGE_SIZE}; ${DEFAULT_PAGE_SIZE} without first or last. Not with last.`,
    },
    afterArgOptions: { description: 'A cursor: only edges after it.' },
    lastArgOptions: {
      description: `Backward paging: at most this many edges before \`before\` (or the end), 1 to ${MAX_PAGE_SIZE}. Not with first.`,
    },
    beforeArgOptions: { description: 'A cursor: only edges before it.' },
  },
});

builder.queryType({
  description:
    'What the API reads: guarantees, claims, the policy in force and webhook deliveries.',
});
builder.mutationType({
  description:
    'What the API does: quote and buy guarantees, track packages, file and decide claims, manage storefronts and keys. Refusals come back as userErrors.',
});

builder.subscriptionType({
  description:
    'What the API pushes: live claim updates, served as GraphQL over Server-Sent Events at /graphql/stream.',
});

/** The builder's resolved type parameters, for helpers that take object refs. */
export type BuilderTypes =
  typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
