// GET/POST /graphql/stream: GraphQL subscriptions over Server-Sent Events, the graphql-sse
// library's "distinct connections" mode (one request, one operation, one event stream).
// Authentication, origins and rate limits are those of /graphql (graphql-route.ts), and so are
// the query limits (depth, aliases, tokens, cost with variables). On top, what a long-lived
// answer needs: a bound on the streams a credential holds open on this instance, heartbeat
// comments so proxies keep idle streams, and an end to every stream when its credential
// expires or is revoked, and when the server shuts down (the drain never waits for streams).
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  createSourceEventStream,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  execute,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  getOperationAST,
  getVariableValues,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  type ValidationRule,
  validate,
} from 'graphql';
import { createHandler, type Response as SseResponse } from 'graphql-sse';
import type { App } from '../app.js';
import { rateLimitKeyOf, type Viewer } from '../auth/viewer.js';
import { type Context, createContext } from '../graphql/context.js';
import type { Logger } from '../logger.js';
import { type ArmorProtection, maskError } from './apollo.js';
import {
  answerMethod,
  authenticateRequest,
  browserMayRead,
  readQueryBody,
  refuse,
} from './graphql-route.js';
import { QUERY_LIMITS } from './limits.js';
import { planOperationCost } from './query-cost.js';
import type { RequestRateLimiter } from './rate-limit.js';
import type { RequestHeaders } from './respond.js';

export interface StreamSettings {
  /** Streams one credential may hold open on one instance. */
  perCredential: number;
  /** Milliseconds between heartbeat comments on an open stream. */
  heartbeatMs: number;
}

export interface StreamRouteDeps {
  app: App;
  limiter: RequestRateLimiter;
  schema: GraphQLSchema;
  /** The protection /graphql applies (its validation rules). */
  armor: ArmorProtection;
  settings: StreamSettings;
}

/** What graphql-sse gets with each request: who asks, and under which request id. */
interface StreamRequestContext {
  viewer: Viewer;
  requestId: string;
}

/** The GraphQL context, as graphql-sse types a context (an indexable object). */
type OperationContext = Context & Record<PropertyKey, unknown>;

/** One open stream, as the registry knows it. */
interface OpenStream {
  readonly bucket: string;
  readonly authorization: string | undefined;
  readonly origin: string | undefined;
  readonly viewer: Viewer;
  /** Ends the stream (idempotent); `reason` goes to the log and a last comment line. */
  close(reason: string): void;
}

/** Longest a timer may be set for (Node's limit); a later expiry is re-armed. */
const MAX_TIMER_MS = 2_147_483_647;

const STREAM_ONLY =
  'only subscriptions are served at /graphql/stream; send queries and mutations to /graphql';

/** The open streams of this process, and the route that opens them. */
export class LiveStreams {
  readonly #open = new Set<OpenStream>();
  readonly #perBucket = new Map<string, number>();
  readonly #handler: ReturnType<
    typeof createHandler<IncomingMessage, StreamRequestContext, OperationContext>
  >;
  readonly #rules: readonly ValidationRule[];
  #closing = false;

  constructor(private readonly deps: StreamRouteDeps) {
    const { app, schema } = deps;
    // Apollo validates with specifiedRules plus these; production also refuses introspection.
    this.#rules = [
      ...specifiedRules,
      ...deps.armor.validationRules,
      ...(app.config.production ? [NoSchemaIntrospectionCustomRule] : []),
    ];
    this.#handler = createHandler<IncomingMessage, StreamRequestContext, OperationContext>({
      schema,
      // Distinct connections only: a stream reserved with PUT would live in one process's
      // memory while its operations may reach another instance.
      authenticate: () => null,
      onSubscribe: (req, params) =>
        this.#prepare(req.context, params.query, params.operationName, params.variables),
      // #prepare has validated the document with every rule above.
      validate: () => [],
      subscribe: (args) => this.#subscribe(args),
      onNext: (_ctx, _req, result) => this.#masked(result as ExecutionResult),
    });
  }

  /** Streams open in this process. */
  get size(): number {
    return this.#open.size;
  }

  async handle(
    req: IncomingMessage,
    res: ServerResponse,
    headers: RequestHeaders,
    requestId: string,
    clientIp: string,
  ): Promise<{ viewer: string }> {
    const { limiter, settings } = this.deps;
    const origin = headers.origin;
    const method = req.method ?? 'GET';
    const early = answerMethod(res, method, origin, requestId);
    if (early) return early;
    if (this.#closing) {
      refuse(
        res,
        requestId,
        503,
        'SERVICE_UNAVAILABLE',
        'this instance is shutting down; reconnect',
        {
          'retry-after': '1',
          ...corsOf(origin, 'anonymous'),
        },
      );
      return { viewer: 'none' };
    }
    if (!(headers.accept ?? '').includes('text/event-stream')) {
      refuse(
        res,
        requestId,
        406,
        'BAD_REQUEST',
        'ask for an event stream (Accept: text/event-stream); send queries and mutations to /graphql',
        corsOf(origin, 'anonymous'),
      );
      return { viewer: 'none' };
    }

    const auth = await authenticateRequest(this.deps, res, headers, requestId, clientIp);
    if (!auth.ok) return auth.handled;
    const { viewer, validUntil } = auth;
    const bucket = rateLimitKeyOf(viewer);
    if (!bucket) {
      refuse(
        res,
        requestId,
        401,
        'UNAUTHENTICATED',
        'live updates need a credential: a member session, a secret key or an operator key',
        corsOf(origin, viewer.kind),
      );
      return { viewer: viewer.kind };
    }
    const wait = await limiter.consume(bucket.kind, bucket.key);
    if (wait !== null) {
      refuse(res, requestId, 429, 'RATE_LIMITED', 'rate limit exceeded for this credential', {
        'retry-after': String(wait),
        ...corsOf(origin, viewer.kind),
      });
      return { viewer: viewer.kind };
    }
    const bucketKey = `${bucket.kind}:${bucket.key}`;
    const held = this.#perBucket.get(bucketKey) ?? 0;
    if (held >= settings.perCredential) {
      refuse(
        res,
        requestId,
        429,
        'TOO_MANY_STREAMS',
        `this credential already holds ${held} open streams on this server (at most ${settings.perCredential}); close one before opening another`,
        { 'retry-after': '5', ...corsOf(origin, viewer.kind) },
      );
      return { viewer: viewer.kind };
    }
    // Held from here, so concurrent requests of one credential cannot all pass the check.
    this.#perBucket.set(bucketKey, held + 1);
    let registered = false;
    try {
      let body: string | null = null;
      if (method === 'POST') {
        const raw = await readQueryBody(req, res, headers, requestId, corsOf(origin, viewer.kind));
        if (raw === null) return { viewer: viewer.kind };
        body = raw.toString('utf8');
      }
      const [answer, init] = await this.#handler({
        method,
        url: req.url ?? '/graphql/stream',
        headers: {
          get: (name: string) => {
            // graphql-sse recognises a stream request by this exact value.
            if (name === 'accept') return 'text/event-stream';
            if (name === 'content-type') return headers.contentType;
            const value = req.headers[name];
            return Array.isArray(value) ? value.join(', ') : value;
          },
        },
        body,
        raw: req,
        context: { viewer, requestId },
      });
      const out: Record<string, string> = {
        'x-request-id': requestId,
        'cache-control': 'no-store',
        vary: 'Origin',
        ...corsOf(origin, viewer.kind),
      };
      if (answer === null || typeof answer === 'string') {
        for (const [name, value] of Object.entries(init.headers ?? {})) out[name] = value;
        if (answer !== null) out['content-length'] = String(Buffer.byteLength(answer));
        res.writeHead(init.status, out);
        res.end(answer ?? undefined);
        return { viewer: viewer.kind };
      }
      registered = true;
      this.#stream(res, answer, out, {
        bucket: bucketKey,
        authorization: headers.authorization,
        origin,
        viewer,
        validUntil,
        requestId,
      });
      return { viewer: viewer.kind };
    } finally {
      if (!registered) this.#release(bucketKey);
    }
  }

  /**
   * Re-authenticates every open stream's credential and ends those no longer accepted: called
   * when a key is revoked, rolled or re-configured anywhere (key-revocation.ts).
   */
  async recheck(): Promise<void> {
    const { app } = this.deps;
    for (const stream of [...this.#open]) {
      const auth = await app.authenticator
        .authenticate(stream.authorization, stream.origin, app.clock())
        .catch(() => null);
      // A database hiccup ends nothing; the credential is looked at again on the next notice.
      if (auth === null) continue;
      if (!auth.ok || !sameViewer(auth.viewer, stream.viewer)) stream.close('credential revoked');
    }
  }

  /** Ends every open stream and refuses new ones: the server is shutting down. */
  closeAll(): void {
    this.#closing = true;
    for (const stream of [...this.#open]) stream.close('server shutting down');
  }

  #stream(
    res: ServerResponse,
    events: AsyncGenerator<string, void, undefined>,
    headers: Record<string, string>,
    about: {
      bucket: string;
      authorization: string | undefined;
      origin: string | undefined;
      viewer: Viewer;
      validUntil: number | null;
      requestId: string;
    },
  ): void {
    const { app, settings } = this.deps;
    const logger: Logger = app.logger;
    const opened = performance.now();
    let ended = false;
    let reason = 'client closed';
    const timers: NodeJS.Timeout[] = [];
    const stream: OpenStream = {
      bucket: about.bucket,
      authorization: about.authorization,
      origin: about.origin,
      viewer: about.viewer,
      close: (why) => {
        if (ended) return;
        reason = why;
        if (!res.writableEnded) res.write(`: closed: ${why}\n\n`);
        void events.return(undefined);
      },
    };
    const finish = () => {
      if (ended) return;
      ended = true;
      for (const timer of timers) clearTimeout(timer);
      this.#open.delete(stream);
      this.#release(about.bucket);
      if (!res.writableEnded) res.end();
      logger.info(
        {
          requestId: about.requestId,
          viewer: about.viewer.kind,
          reason,
          ms: Math.round(performance.now() - opened),
        },
        'stream closed',
      );
    };
    this.#open.add(stream);

    headers['content-type'] = 'text/event-stream; charset=utf-8';
    // The connection ends with the stream: a client would reconnect anyway, and a socket left
    // idle after a stream the server ended (at shutdown) could be reused by a client just as
    // the drain closes idle connections.
    headers.connection = 'close';
    // nginx and some other proxies buffer answers unless told not to.
    headers['x-accel-buffering'] = 'no';
    res.writeHead(200, headers);
    res.socket?.setNoDelay(true);
    // The client going away ends the operation (and its subscription to the feed).
    res.once('close', () => {
      void events.return(undefined);
      finish();
    });
    const heartbeat = setInterval(() => {
      if (!res.writableEnded) res.write(': heartbeat\n\n');
    }, settings.heartbeatMs);
    timers.push(heartbeat);
    if (about.validUntil !== null) {
      const arm = (left: number) => {
        timers.push(
          setTimeout(
            () => {
              const remaining = left - MAX_TIMER_MS;
              if (remaining > 0) arm(remaining);
              else stream.close('credential expired');
            },
            Math.max(0, Math.min(left, MAX_TIMER_MS)),
          ),
        );
      };
      arm(about.validUntil - app.clock().getTime());
    }

    void (async () => {
      try {
        for await (const chunk of events) {
          if (res.writableEnded || res.destroyed) break;
          res.write(chunk);
        }
      } catch (error) {
        reason = 'failed';
        logger.error({ err: error, requestId: about.requestId }, 'stream failed');
      } finally {
        finish();
      }
    })();
  }

  #release(bucket: string): void {
    const held = (this.#perBucket.get(bucket) ?? 1) - 1;
    if (held <= 0) this.#perBucket.delete(bucket);
    else this.#perBucket.set(bucket, held);
  }

  /** Parses and checks the document as /graphql does; a refusal is a 400 with its reasons. */
  #prepare(
    request: StreamRequestContext,
    query: string,
    operationName: string | null | undefined,
    variables: Record<string, unknown> | null | undefined,
  ): SseResponse | (ExecutionArgs & { contextValue: OperationContext }) {
    const { app, schema } = this.deps;
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: QUERY_LIMITS.maxTokens });
    } catch (error) {
      return badRequest([
        {
          message: error instanceof GraphQLError ? error.message : 'the document does not parse',
          extensions: { code: 'GRAPHQL_PARSE_FAILED' },
        },
      ]);
    }
    const invalid = validate(schema, document, this.#rules);
    if (invalid.length > 0) {
      return badRequest(
        invalid.map((error) => ({
          // graphql-armor's blockFieldSuggestion, as /graphql answers.
          message: error.message.replace(/\s*Did you mean .*$/s, ''),
          ...(error.locations ? { locations: error.locations } : {}),
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        })),
      );
    }
    const operation = getOperationAST(document, operationName);
    if (!operation) {
      return badRequest([
        {
          message: operationName
            ? `no operation named "${operationName}" in the document`
            : 'the document has several operations: name one with operationName',
          extensions: { code: 'OPERATION_RESOLUTION_FAILURE' },
        },
      ]);
    }
    if (operation.operation !== 'subscription') {
      return badRequest([{ message: STREAM_ONLY, extensions: { code: 'BAD_REQUEST' } }]);
    }
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
    if (coerced.errors) {
      return badRequest(
        coerced.errors.map((error) => ({
          message: error.message,
          extensions: { code: 'BAD_USER_INPUT' },
        })),
      );
    }
    const cost = planOperationCost(schema, document, operation).cost(variables);
    if (cost > QUERY_LIMITS.maxCost) {
      return badRequest([
        {
          message: `Query cost limit of ${QUERY_LIMITS.maxCost} exceeded, found ${Math.round(cost)}.`,
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ]);
    }
    return {
      schema,
      document,
      operationName: operationName ?? null,
      variableValues: variables ?? null,
      contextValue: createContext(app, request.viewer, request.requestId) as OperationContext,
    };
  }

  /**
   * graphql-js's subscribe, except that each event runs with a context of its own: a fresh
   * clock reading, and loaders that read the claim as it is now, not as the first event saw it.
   */
  async #subscribe(
    args: ExecutionArgs & { contextValue: Context },
  ): Promise<ExecutionResult | AsyncIterableIterator<ExecutionResult>> {
    const source = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in source)) return source;
    const { app } = this.deps;
    const { viewer, requestId } = args.contextValue;
    const iterator = source[Symbol.asyncIterator]();
    const mapped: AsyncIterableIterator<ExecutionResult> = {
      async next() {
        const event = await iterator.next();
        if (event.done) return { done: true, value: undefined };
        const result = await execute({
          ...args,
          rootValue: event.value,
          contextValue: createContext(app, viewer, requestId),
        });
        return { done: false, value: result };
      },
      async return() {
        await iterator.return?.();
        return { done: true, value: undefined };
      },
      async throw(error?: unknown) {
        await iterator.return?.();
        throw error;
      },
      [Symbol.asyncIterator]() {
        return mapped;
      },
    };
    return mapped;
  }

  /** Errors as /graphql shows them: client errors as they are, the rest hidden and logged. */
  #masked(result: ExecutionResult): ExecutionResult | undefined {
    if (!result.errors) return undefined;
    const logger = this.deps.app.logger;
    const errors = result.errors.map((error) => maskError(error.toJSON(), error, logger));
    return { ...result, errors: errors as unknown as GraphQLError[] };
  }
}

function badRequest(errors: GraphQLFormattedError[]): SseResponse {
  return [
    JSON.stringify({ errors }),
    {
      status: 400,
      statusText: 'Bad Request',
      headers: { 'content-type': 'application/json; charset=utf-8' },
    },
  ];
}

function corsOf(origin: string | undefined, viewerKind: string): Record<string, string> {
  return browserMayRead(origin, viewerKind) ? { 'access-control-allow-origin': origin } : {};
}

function sameViewer(a: Viewer, b: Viewer): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
