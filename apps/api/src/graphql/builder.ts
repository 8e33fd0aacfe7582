// Configures Pothos: plugins, the typed context and the scalars. Defines no object types.
import SchemaBuilder from '@pothos/core';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { GraphQLError } from 'graphql';
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
}>({
  plugins: [ScopeAuthPlugin, RelayPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
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
    nodeQueryOptions: {},
    nodeTypeOptions: {},
    pageInfoTypeOptions: {},
  },
});

builder.queryType({});
builder.mutationType({});

/** The builder's resolved type parameters, for helpers that take object refs. */
export type BuilderTypes =
  typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
