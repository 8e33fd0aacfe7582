// Apollo Server, mounted on node:http by hand so CORS, uploads and static files stay ours.
// Built-in plugins that cost per request and give nothing here are replaced by their
// disabled versions, and graphql-jit executes (BENCHMARKS.md records what moved throughput).
import {
  ApolloServer,
  type ApolloServerPlugin,
  HeaderMap,
  type HTTPGraphQLRequest,
} from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { isDatabaseUnavailable } from '@lg/db/client';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { Context } from '../graphql/context.js';
import { jitGateway } from '../graphql/jit-gateway.js';
import { schema } from '../graphql/schema/index.js';
import type { Logger } from '../logger.js';
import { QUERY_LIMITS } from './limits.js';
import { queryCostPlugin } from './query-cost.js';

/** Error codes whose message is safe and useful to show a client as is. */
const CLIENT_ERROR_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  // Subscription.claimUpdated's claimId that the credential may not see.
  'NOT_FOUND',
]);

/**
 * The query limits: graphql-armor's validation rules and Apollo plugins (token limit,
 * masking), and our cost bound (query-cost.ts), which counts variables.
 */
export type ArmorProtection = ReturnType<ApolloArmor['protect']>;

export function armorProtection(): ArmorProtection {
  const armor = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    // graphql-armor's cost rule sees no variables (it counted `first: $n` once): the plugin
    // below counts the cost instead.
    costLimit: { enabled: false },
    maxTokens: { n: QUERY_LIMITS.maxTokens },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    blockFieldSuggestion: { enabled: true },
  }).protect();
  // Typed against Apollo's ESM build, graphql-armor's against its CJS one: the same objects.
  const cost = queryCostPlugin<Context>(QUERY_LIMITS.maxCost) as unknown as ArmorPlugin;
  return { ...armor, plugins: [...armor.plugins, cost] };
}

type ArmorPlugin = ArmorProtection['plugins'][number];

export async function createApollo(options: {
  production: boolean;
  logger: Logger;
  /** Shared with the prepared-operations lane, so both apply the same rules. */
  armor?: ArmorProtection;
  /** Tests only: another schema (the API's own by default). */
  schema?: GraphQLSchema;
}) {
  const armor = options.armor ?? armorProtection();

  const server = new ApolloServer<Context>({
    // Apollo parses, validates and caches documents as usual; graphql-jit runs them.
    gateway: jitGateway(options.schema ?? schema),
    introspection: !options.production,
    // In production Apollo would install its own SIGINT/SIGTERM handlers that stop it and
    // re-raise the signal in the middle of our drain (or leave a second stop() waiting). The
    // process has one owner of shutdown (process-lifecycle.ts): HTTP drains, Apollo stops last.
    stopOnTerminationSignals: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    validationRules: armor.validationRules,
    plugins: [
      subscriptionsElsewhere,
      // graphql-armor is typed against Apollo's CJS build; the plugin objects are the same.
      ...(armor.plugins as unknown as ApolloServerPlugin<Context>[]),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      options.production
        ? ApolloServerPluginLandingPageDisabled()
        : ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false }),
    ],
    formatError: (formatted, error) => maskError(formatted, error, options.logger),
  });
  await server.start();
  return server;
}

/** Subscriptions are served as event streams at /graphql/stream: here they are a 400. */
const subscriptionsElsewhere: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        if (operation?.operation !== 'subscription') return;
        throw new GraphQLError(
          'subscriptions are served as Server-Sent Events at /graphql/stream (Accept: text/event-stream)',
          { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
        );
      },
    };
  },
};

/**
 * Keeps client errors, turns a lost database connection into a retryable SERVICE_UNAVAILABLE,
 * hides everything else behind a generic message (logged in full).
 */
export function maskError(
  formatted: GraphQLFormattedError,
  error: unknown,
  logger: Logger,
): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) {
    return {
      message: formatted.message,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code },
    };
  }
  if (isDatabaseUnavailable(error)) {
    // A dropped or refused database connection: the same request can succeed in a moment.
    logger.warn(
      { err: error, path: formatted.path },
      'database unavailable for a GraphQL operation',
    );
    return {
      message: 'The service is briefly unavailable; retry the request.',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    };
  }
  logger.error({ err: error, path: formatted.path }, 'unexpected error in a GraphQL operation');
  return {
    message: 'Internal server error',
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

export function toApolloRequest(
  method: string,
  rawHeaders: string[],
  search: string,
  body: unknown,
): HTTPGraphQLRequest {
  const headers = new HeaderMap();
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] as string).toLowerCase();
    const value = rawHeaders[i + 1] as string;
    const existing = headers.get(name);
    headers.set(name, existing === undefined ? value : `${existing}, ${value}`);
  }
  return { method, headers, search, body };
}
