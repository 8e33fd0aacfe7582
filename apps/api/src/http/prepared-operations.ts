// Prepared operations: a lane in front of Apollo for documents that have already been parsed,
// validated and compiled. After authentication, origin checks, rate limits and the body limit
// (graphql-route.ts), a request whose document is prepared runs its graphql-jit compiled
// operation directly and gets the answer Apollo would give: same status, content type, body
// and headers (prepared-operations.test.ts compares both byte for byte). Apollo's own request
// pipeline (request context, plugin hooks, SHA-256 of the text, content negotiation, CSRF
// parsing) was ~25 % of the CPU of a quote (BENCHMARKS.md).
//
// Only what the lane can answer exactly as Apollo does takes it; everything else is handed to
// Apollo before anything has run:
// - a POST with content-type `application/json` (optionally `; charset=utf-8`) whose body is a
//   JSON object of `query` (a non-empty string), `variables` (object or null) and
//   `operationName` (a non-empty string or null), and nothing else (`extensions` → Apollo);
// - an Accept header from a fixed table whose content types were read off Apollo's
//   negotiation (the test checks every entry against Apollo);
// - a document seen before (its first request goes to Apollo), parsed with the token limit,
//   validated with graphql's `specifiedRules` plus graphql-armor's rules (Apollo's rules) with
//   no error, with no `__schema`/`__type` (so production's "no introspection" can't be
//   bypassed), no subscription, and compiled by graphql-jit for the operation asked for;
// - variables the compiled operation accepts (graphql-jit checks them before any resolver
//   runs; refused ones go to Apollo for its exact error and 400);
// - a cost within the bound with these variables (query-cost.ts, the plan Apollo's plugin
//   evaluates): an operation over it goes to Apollo, which refuses it.
// Errors then go through what Apollo does with them: graphql-armor's `didEncounterErrors`
// (suggestion masking), Apollo's error normalisation, and the same `maskError`.
import type {
  ApolloServerPlugin,
  GraphQLRequestContext,
  GraphQLRequestContextDidEncounterErrors,
} from '@apollo/server';
import {
  type DocumentNode,
  type ExecutionResult,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  getOperationAST,
  Kind,
  type OperationDefinitionNode,
  parse,
  specifiedRules,
  validate,
  visit,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import type { Context } from '../graphql/context.js';
import { withGraphQLErrors } from '../graphql/jit-gateway.js';
import type { Logger } from '../logger.js';
import { ACCEPT_CONTENT_TYPES } from './accept-content-types.js';
import { type ArmorProtection, maskError } from './apollo.js';
import { QUERY_LIMITS } from './limits.js';
import { type CostPlan, planOperationCost } from './query-cost.js';

/** Bound of prepared documents, and of documents seen once; oldest out first, no reordering. */
const MAX_PREPARED_DOCUMENTS = 1000;
/** Longer documents always go to Apollo (bounds the memory of both maps). */
const MAX_PREPARED_QUERY_LENGTH = 16 * 1024;

/** What graphql-route writes: Apollo's status, headers and body, as Apollo would give them. */
export interface PreparedResponse {
  status: number;
  /** Headers from errors' `extensions.http` (Apollo merges them), then content-type. */
  headers: [string, string][];
  body: string;
}

export interface PreparedOperationsOptions {
  schema: GraphQLSchema;
  /** The same protection object Apollo was given (its rules and plugins). */
  armor: ArmorProtection;
  logger: Logger;
}

/** An operation compiled by graphql-jit, with the plan of its cost. */
interface PreparedOperation {
  readonly compiled: CompiledQuery;
  readonly cost: CostPlan;
}

/** A document parsed and validated without errors; compiled per operation on demand. */
interface PreparedDocument {
  readonly document: DocumentNode;
  /** Operation name (or DEFAULT_OPERATION) → compiled, or null: Apollo runs it. */
  readonly operations: Map<string, PreparedOperation | null>;
  readonly names: ReadonlySet<string>;
  readonly operationCount: number;
}

/** The operation chosen without an operationName (only in single-operation documents). */
const DEFAULT_OPERATION = '\u0000';
/** Marks a document the lane never serves (invalid, introspection, subscription...). */
const APOLLO_ONLY = null;

export class PreparedOperations {
  /** Counters for tests and operators: requests served here, documents prepared. */
  readonly stats = { served: 0, prepared: 0, handedBack: 0 };
  readonly #documents = new Map<string, PreparedDocument | typeof APOLLO_ONLY>();
  readonly #seenOnce = new Set<string>();
  readonly #schema: GraphQLSchema;
  readonly #rules: NonNullable<Parameters<typeof validate>[2]>;
  readonly #plugins: ApolloServerPlugin<Context>[];
  readonly #logger: Logger;

  constructor(options: PreparedOperationsOptions) {
    this.#schema = options.schema;
    // Apollo validates with [...specifiedRules, ...its validationRules]; NoIntrospection is
    // not needed here since no prepared document selects __schema or __type.
    this.#rules = [...specifiedRules, ...options.armor.validationRules];
    this.#plugins = options.armor.plugins as unknown as ApolloServerPlugin<Context>[];
    this.#logger = options.logger;
  }

  /**
   * Serves a request if it is eligible and its document prepared. `undefined` (immediately,
   * or from the promise) means Apollo must serve it; nothing has run then.
   */
  serve(
    body: unknown,
    contentType: string | undefined,
    accept: string | undefined,
    context: () => Context,
  ): Promise<PreparedResponse | undefined> | undefined {
    const responseType = ACCEPT_CONTENT_TYPES.get(accept ?? '');
    if (responseType === undefined || !isJsonContentType(contentType)) return undefined;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
    let query: unknown;
    let variables: unknown;
    let operationName: unknown;
    for (const key in body) {
      const value = (body as Record<string, unknown>)[key];
      if (key === 'query') query = value;
      else if (key === 'variables') variables = value;
      else if (key === 'operationName') operationName = value;
      else return undefined;
    }
    if (typeof query !== 'string' || query.length === 0) return undefined;
    if (query.length > MAX_PREPARED_QUERY_LENGTH) return undefined;
    if (
      variables !== undefined &&
      variables !== null &&
      (typeof variables !== 'object' || Array.isArray(variables))
    )
      return undefined;
    // '' is no operation name to Apollo but "the only one" to graphql-jit: Apollo decides.
    if (operationName !== undefined && operationName !== null) {
      if (typeof operationName !== 'string' || operationName === '') return undefined;
    }

    const prepared = this.#compiled(query, (operationName as string | null | undefined) ?? null);
    if (!prepared) return undefined;
    const given = (variables as Record<string, unknown> | null | undefined) ?? {};
    if (prepared.cost.cost(given) > QUERY_LIMITS.maxCost) {
      // Apollo refuses it, with its error and status.
      this.stats.handedBack += 1;
      return undefined;
    }
    let contextValue: Context;
    try {
      contextValue = context();
    } catch {
      return undefined; // Apollo makes the context again and answers its failure
    }
    return this.#run(prepared.compiled, given, contextValue, responseType);
  }

  /** The compiled operation, if the document is prepared (preparing it on its second sight). */
  #compiled(query: string, operationName: string | null): PreparedOperation | undefined {
    let prepared = this.#documents.get(query);
    if (prepared === undefined) {
      if (!this.#seenOnce.has(query)) {
        if (this.#seenOnce.size >= MAX_PREPARED_DOCUMENTS) {
          this.#seenOnce.delete(this.#seenOnce.values().next().value as string);
        }
        this.#seenOnce.add(query);
        return undefined;
      }
      this.#seenOnce.delete(query);
      prepared = this.#prepare(query);
      if (this.#documents.size >= MAX_PREPARED_DOCUMENTS) {
        this.#documents.delete(this.#documents.keys().next().value as string);
      }
      this.#documents.set(query, prepared);
    }
    if (prepared === APOLLO_ONLY) return undefined;
    const key = operationName ?? DEFAULT_OPERATION;
    let compiled = prepared.operations.get(key);
    if (compiled === undefined) {
      // Only operations the document has: unknown names go to Apollo without being stored.
      if (operationName === null ? prepared.operationCount !== 1 : !prepared.names.has(key)) {
        return undefined;
      }
      const result = compileQuery(this.#schema, prepared.document, operationName ?? undefined);
      const operation = getOperationAST(prepared.document, operationName);
      compiled =
        isCompiledQuery(result) && operation
          ? {
              compiled: result,
              cost: planOperationCost(this.#schema, prepared.document, operation),
            }
          : null;
      prepared.operations.set(key, compiled);
    }
    return compiled ?? undefined;
  }

  /** Parses and validates as Apollo does; any error, and the lane stays out of it. */
  #prepare(query: string): PreparedDocument | typeof APOLLO_ONLY {
    let document: DocumentNode;
    try {
      // graphql's own token limit counts what graphql-armor's parse-time limit counts (every
      // non-EOF token the parser advances over): the same documents pass.
      document = parse(query, { maxTokens: QUERY_LIMITS.maxTokens });
    } catch {
      return APOLLO_ONLY;
    }
    if (validate(this.#schema, document, this.#rules).length > 0) return APOLLO_ONLY;
    const names = new Set<string>();
    let operationCount = 0;
    let servable = true;
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      const operation = definition as OperationDefinitionNode;
      operationCount += 1;
      if (operation.name) names.add(operation.name.value);
      if (operation.operation === 'subscription') servable = false;
    }
    visit(document, {
      Field(node) {
        if (node.name.value === '__schema' || node.name.value === '__type') servable = false;
      },
    });
    if (!servable) return APOLLO_ONLY;
    this.stats.prepared += 1;
    return { document, operations: new Map(), names, operationCount };
  }

  async #run(
    compiled: CompiledQuery,
    variables: Record<string, unknown>,
    contextValue: Context,
    contentType: string,
  ): Promise<PreparedResponse | undefined> {
    let result: ExecutionResult;
    try {
      const pending = compiled.query(undefined, contextValue, variables);
      if (pending instanceof Promise) result = await pending;
      else if (!('data' in pending)) {
        // Variables refused before any resolver ran: Apollo's exact error and 400.
        this.stats.handedBack += 1;
        return undefined;
      } else result = pending;
    } catch (error) {
      // Apollo: the executor failed, one error, 500.
      this.stats.served += 1;
      return this.#errorResponse(asGraphQLError(error), contentType);
    }
    this.stats.served += 1;
    result = withGraphQLErrors(result);
    const head: Head = { status: undefined, headers: [] };
    let errors: GraphQLFormattedError[] | undefined;
    if (result.errors) {
      await this.#didEncounterErrors(result.errors);
      errors = this.#formatErrors(result.errors, head);
      if (errors.length > 0 && result.data === undefined && head.status === undefined) {
        head.status = 400;
      }
    }
    return {
      status: head.status ?? 200,
      headers: withContentType(head.headers, contentType),
      body: stringifyResult({ errors, data: result.data, extensions: result.extensions }),
    };
  }

  async #errorResponse(error: GraphQLError, contentType: string): Promise<PreparedResponse> {
    await this.#didEncounterErrors([error]);
    const head: Head = { status: undefined, headers: [] };
    const errors = this.#formatErrors([error], head);
    return {
      status: head.status ?? 500,
      headers: withContentType(head.headers, contentType),
      body: stringifyResult({ errors }),
    };
  }

  /** Apollo's `didEncounterErrors` hooks of the plugins that have one (graphql-armor's). */
  async #didEncounterErrors(errors: readonly GraphQLError[]): Promise<void> {
    // Only the errors and the logger exist outside a real Apollo request, and they are all
    // graphql-armor's listeners read.
    const partial: Pick<GraphQLRequestContext<Context>, 'errors' | 'logger'> = {
      errors,
      logger: this.#logger,
    };
    const requestContext = partial as GraphQLRequestContextDidEncounterErrors<Context>;
    await Promise.all(
      this.#plugins.map(async (plugin) => {
        const listener = await plugin.requestDidStart?.(requestContext);
        await listener?.didEncounterErrors?.(requestContext);
      }),
    );
  }

  /** Apollo's `normalizeAndFormatErrors` with its `formatError` (maskError). */
  #formatErrors(errors: readonly GraphQLError[], head: Head): GraphQLFormattedError[] {
    return errors.map((error) => {
      try {
        const extensions: Record<string, unknown> = {
          ...error.extensions,
          code: error.extensions.code ?? 'INTERNAL_SERVER_ERROR',
        };
        if (isPartialHTTPHead(extensions.http)) {
          if (extensions.http.status) head.status = extensions.http.status;
          if (extensions.http.headers) {
            for (const [name, value] of extensions.http.headers)
              setHeader(head.headers, name, value);
          }
          delete extensions.http;
        }
        return maskError({ ...error.toJSON(), extensions }, error, this.#logger);
      } catch {
        return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
      }
    });
  }
}

interface Head {
  status: number | undefined;
  headers: [string, string][];
}

/** Apollo's `isPartialHTTPGraphQLHead`. */
function isPartialHTTPHead(x: unknown): x is { status?: number; headers?: Map<string, string> } {
  return (
    !!x &&
    typeof x === 'object' &&
    (!('status' in x) || typeof x.status === 'number') &&
    (!('headers' in x) || x.headers instanceof Map)
  );
}

/** HeaderMap semantics: lower-cased names, a later value replaces an earlier one. */
function setHeader(headers: [string, string][], name: string, value: string): void {
  const lower = name.toLowerCase();
  const at = headers.findIndex(([existing]) => existing === lower);
  if (at === -1) headers.push([lower, value]);
  else headers[at] = [lower, value];
}

/** Apollo sets content-type only when the errors' headers did not. */
function withContentType(headers: [string, string][], contentType: string): [string, string][] {
  if (!headers.some(([name]) => name === 'content-type'))
    headers.push(['content-type', contentType]);
  return headers;
}

/** Apollo's `ensureGraphQLError(ensureError(error))`. */
function asGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  if (error instanceof Error) return new GraphQLError(error.message, { originalError: error });
  return new GraphQLError(`Unexpected error value: ${String(error)}`);
}

/** Apollo's `prettyJSONStringify(orderExecutionResultFields(result))`: errors, data, extensions. */
function stringifyResult(result: {
  errors?: readonly GraphQLFormattedError[] | undefined;
  data?: unknown;
  extensions?: unknown;
}): string {
  return `${JSON.stringify({ errors: result.errors, data: result.data, extensions: result.extensions })}\n`;
}

/** `application/json`, optionally with `charset=utf-8`, any letter case. */
function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined) return false;
  if (value.length === 16) return value.toLowerCase() === 'application/json';
  return /^application\/json\s*;\s*charset="?utf-8"?$/i.test(value);
}
