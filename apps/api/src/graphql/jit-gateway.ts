// graphql-jit as Apollo's executor, through Apollo's `gateway` interface: Apollo still parses,
// validates (query limits included) and caches documents; only execution changes. A compiled
// operation is kept per document hash and operation name, so the widget's quote costs one
// compilation per process. BENCHMARKS.md records what it moved on the quote path.
//
// graphql-js stays the reference: an operation graphql-jit can't compile, and a request whose
// variables graphql-jit refuses (no resolver has run then), go to graphql-js, so clients see
// graphql-js's exact errors (and Apollo its BAD_USER_INPUT / 400 for bad variables).
import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import {
  type DocumentNode,
  type ExecutionResult,
  execute,
  GraphQLError,
  type GraphQLSchema,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type Executor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;

/** Documents are few (the widget's, the storefront SDKs'); the bound guards against abuse. */
const MAX_COMPILED = 1000;

/** Marks an operation graphql-jit could not compile: it runs on graphql-js. */
const USE_GRAPHQL_JS = 'graphql-js' as const;

export class JitExecutor {
  readonly #compiled = new Map<string, CompiledQuery | typeof USE_GRAPHQL_JS>();

  constructor(private readonly schema: GraphQLSchema) {}

  /** Runs one operation; `cacheKey` identifies the document (Apollo's query hash). */
  execute(
    cacheKey: string,
    document: DocumentNode,
    operationName: string | null | undefined,
    variables: Record<string, unknown> | undefined,
    contextValue: unknown,
  ): ExecutionResult | Promise<ExecutionResult> {
    const key = `${cacheKey}\u0000${operationName ?? ''}`;
    let compiled = this.#compiled.get(key);
    if (compiled === undefined) {
      const result = compileQuery(this.schema, document, operationName ?? undefined);
      compiled = isCompiledQuery(result) ? result : USE_GRAPHQL_JS;
      if (this.#compiled.size >= MAX_COMPILED) this.#compiled.clear();
      this.#compiled.set(key, compiled);
    }
    const reference = () =>
      execute({
        schema: this.schema,
        document,
        operationName: operationName ?? null,
        variableValues: variables ?? null,
        contextValue,
      }) as ExecutionResult | Promise<ExecutionResult>;
    if (compiled === USE_GRAPHQL_JS) return reference();
    const result = compiled.query(undefined, contextValue, variables ?? {});
    if (result instanceof Promise) return result.then(withGraphQLErrors);
    // No `data` at all: the variables were refused before any resolver ran.
    if (!('data' in result)) return reference();
    return withGraphQLErrors(result);
  }
}

/**
 * graphql-jit's errors have read-only messages, which plugins (graphql-armor's suggestion
 * masking) rewrite: hand Apollo graphql-js errors with the same content.
 */
export function withGraphQLErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors) return result;
  const errors = result.errors.map((jitError) => {
    const error = new GraphQLError(jitError.message, {
      path: jitError.path,
      originalError: jitError.originalError ?? undefined,
      extensions: jitError.extensions,
    });
    return Object.assign(error, { locations: jitError.locations });
  });
  return { ...result, errors };
}

/** A static-schema "gateway" whose executor is graphql-jit. */
export function jitGateway(schema: GraphQLSchema): Gateway {
  const jit = new JitExecutor(schema);
  const listeners = new Set<Parameters<Gateway['onSchemaLoadOrUpdate']>[0]>();
  const executor: Executor = async (requestContext) =>
    jit.execute(
      requestContext.queryHash,
      requestContext.document,
      requestContext.request.operationName,
      requestContext.request.variables,
      requestContext.context,
    );
  return {
    onSchemaLoadOrUpdate(callback) {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
    async load() {
      for (const listener of listeners) listener({ apiSchema: schema, coreSupergraphSdl: '' });
      return { executor };
    },
    async stop() {
      listeners.clear();
    },
  };
}
