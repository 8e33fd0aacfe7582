// The HTTP front: routes, request ids, access logs, and graceful shutdown.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { isDatabaseUnavailable } from '@lg/db/client';
import { createAccessLog } from '../access-log.js';
import type { App } from '../app.js';
import type { Context } from '../graphql/context.js';
import { schema } from '../graphql/schema/index.js';
import { clientAddress } from '../trusted-proxies.js';
import { armorProtection, createApollo } from './apollo.js';
import { type ConsoleBuild, handleConsole, loadConsoleBuild } from './console-route.js';
import { handleGraphQL } from './graphql-route.js';
import { PreparedOperations } from './prepared-operations.js';
import { RequestRateLimiter } from './rate-limit.js';
import { readRequestHeaders, sendError, sendGraphQLError, sendJson } from './respond.js';
import { LiveStreams } from './stream-route.js';
import { handleWidget, loadWidgetBundle, type WidgetBundle } from './widget-route.js';

/** Extra routes mounted before the 404 (uploads, documents, the demo storefront). */
export type RouteHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  search: string,
  client: RouteClient,
) => Promise<boolean>;

/** Who is asking, for a route's rate limit. */
export interface RouteClient {
  /** The client's address (LG_TRUSTED_PROXIES decides whether X-Forwarded-For is believed). */
  ip: string;
  limiter: RequestRateLimiter;
}

export interface HttpServer {
  server: Server;
  apollo: ApolloServer<Context>;
  /** The prepared-operations lane in front of Apollo; null when turned off. */
  prepared: PreparedOperations | null;
  /** The open live-update streams of /graphql/stream. */
  streams: LiveStreams;
  /**
   * Drains: open streams end and new ones are refused at once, `/readyz` answers 503 while every other route is still served for
   * `graceMs` (load balancers stop sending), then the listener closes and requests in flight
   * get up to `inFlightMs` to finish before the remaining connections are cut.
   */
  shutdown(options?: ShutdownOptions): Promise<void>;
}

export interface ShutdownOptions {
  /** Keep serving (readiness failing) this long before closing the listener. Default 0. */
  graceMs?: number;
  /** The longest in-flight requests may take once the listener is closed. Default 5 s. */
  inFlightMs?: number;
}

/** How long requests in flight may run on after the listener closed. */
export const IN_FLIGHT_LIMIT_MS = 5_000;

export interface HttpServerOptions {
  widgetBundlePath?: string | undefined;
  /** The member center's bundle, served at /widget/logistics-guarantee-claims.js. */
  claimsBundlePath?: string | undefined;
  /** The built console's directory (apps/console/dist), served at /console. */
  consoleDistPath?: string | undefined;
  routes?: RouteHandler[];
  /**
   * Serve already-validated documents without Apollo's request pipeline, with the same
   * answers (prepared-operations.ts). Default on; off sends every request through Apollo.
   */
  preparedOperations?: boolean;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
const UNAVAILABLE = 'The service is briefly unavailable; retry the request.';

export async function createHttpServer(
  app: App,
  options: HttpServerOptions = {},
): Promise<HttpServer> {
  const armor = armorProtection();
  const apollo = await createApollo({
    production: app.config.production,
    logger: app.logger,
    armor,
  });
  const prepared =
    options.preparedOperations === false
      ? null
      : new PreparedOperations({ schema, armor, logger: app.logger });
  const limiter = RequestRateLimiter.create(app.config);
  // Until Redis answers, limits fall back to this instance's own counters.
  await limiter.ready();
  const widget: WidgetBundle | null = options.widgetBundlePath
    ? loadWidgetBundle(options.widgetBundlePath)
    : null;
  const claims: WidgetBundle | null = options.claimsBundlePath
    ? loadWidgetBundle(options.claimsBundlePath, 'logistics-guarantee-claims')
    : null;
  const consoleBuild: ConsoleBuild | null = options.consoleDistPath
    ? loadConsoleBuild(options.consoleDistPath)
    : null;
  const routes = options.routes ?? [];
  const deps = { app, apollo, limiter, prepared };
  const streams = new LiveStreams({
    app,
    limiter,
    schema,
    armor,
    settings: {
      perCredential: app.config.streamsPerCredential,
      heartbeatMs: app.config.streamHeartbeatMs,
    },
  });
  const { trustedProxies } = app.config;
  const accessLog = createAccessLog(app.logger);
  let inFlight = 0;
  let draining = false;
  let stopping: Promise<void> | undefined;

  const server = createServer(async (req, res) => {
    const started = performance.now();
    const headers = readRequestHeaders(req.rawHeaders);
    const given = headers.requestId;
    const requestId = given !== undefined && REQUEST_ID.test(given) ? given : randomUUID();
    inFlight += 1;
    if (draining) res.setHeader('connection', 'close');
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const search = q === -1 ? '' : url.slice(q + 1);
    // Every answer carries the request id. The GraphQL route writes it with the rest of its
    // headers in one writeHead: a setHeader first makes Node validate every header twice,
    // ~5 % of a quote's CPU (BENCHMARKS.md).
    if (path !== '/graphql') res.setHeader('x-request-id', requestId);
    let viewer = 'none';
    const clientIp = clientAddress(req.socket.remoteAddress, req.rawHeaders, trustedProxies);
    try {
      if (path === '/graphql') {
        viewer = (await handleGraphQL(deps, req, res, headers, search, requestId, clientIp)).viewer;
      } else if (path === '/graphql/stream') {
        // Returns once the stream is open: a stream is not a request in flight for the drain.
        viewer = (await streams.handle(req, res, headers, requestId, clientIp)).viewer;
      } else if (path === '/healthz') {
        sendJson(res, 200, { status: 'ok' });
      } else if (path === '/readyz') {
        if (draining) sendJson(res, 503, { status: 'draining' });
        else {
          try {
            await app.database.ping();
            sendJson(res, 200, { status: 'ready' });
          } catch {
            sendJson(res, 503, { status: 'database unreachable' });
          }
        }
      } else if (path.startsWith('/widget/')) {
        if (path === '/widget/logistics-guarantee.js' || path === widget?.versionedPath) {
          handleWidget(widget, req, res, path);
        } else if (
          path === '/widget/logistics-guarantee-claims.js' ||
          path === claims?.versionedPath
        ) {
          handleWidget(claims, req, res, path);
        } else sendError(res, 404, 'NOT_FOUND', 'no such file');
      } else if (path === '/console' || path.startsWith('/console/')) {
        handleConsole(consoleBuild, req, res, path);
      } else {
        let handled = false;
        for (const route of routes) {
          handled = await route(req, res, path, search, { ip: clientIp, limiter });
          if (handled) break;
        }
        if (!handled)
          sendError(res, 404, 'NOT_FOUND', `nothing at ${req.method} ${path.slice(0, 200)}`);
      }
    } catch (error) {
      const unavailable = isDatabaseUnavailable(error);
      if (unavailable)
        app.logger.warn({ err: error, requestId }, 'request failed: database unavailable');
      else app.logger.error({ err: error, requestId }, 'request failed');
      if (!res.headersSent) {
        res.setHeader('x-request-id', requestId);
        const send = path === '/graphql' ? sendGraphQLError : sendError;
        // A lost database connection is worth retrying as is; anything else is a bug.
        if (unavailable) send(res, 503, 'SERVICE_UNAVAILABLE', UNAVAILABLE, { 'retry-after': '1' });
        else send(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
      } else res.end();
    } finally {
      inFlight -= 1;
      // Skipped, not just filtered, when info is off: the record costs a little to build.
      if (app.logger.isLevelEnabled('info'))
        accessLog({
          requestId,
          method: req.method ?? '',
          path: path.length > 200 ? path.slice(0, 200) : path,
          status: res.statusCode,
          ms: Math.round((performance.now() - started) * 10) / 10,
          viewer,
        });
    }
  });
  server.keepAliveTimeout = 65_000;
  server.requestTimeout = 60_000;

  return {
    server,
    apollo,
    prepared,
    streams,
    shutdown(options = {}) {
      // Idempotent: a signal handler and a test may both ask.
      stopping ??= drain(options.graceMs ?? 0, options.inFlightMs ?? IN_FLIGHT_LIMIT_MS);
      return stopping;
    },
  };

  async function drain(graceMs: number, inFlightMs: number): Promise<void> {
    // From here /readyz fails and answers ask clients to reconnect, but the listener stays
    // open: a load balancer still routing here during the grace gets answers, not refusals.
    draining = true;
    // Streams never finish by themselves: they end now (clients reconnect, to another
    // instance once the load balancer has seen /readyz fail) so the drain never waits on them.
    streams.closeAll();
    if (graceMs > 0) await new Promise((resolve) => setTimeout(resolve, graceMs));
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const deadline = Date.now() + inFlightMs;
    while (inFlight > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      server.closeIdleConnections();
    }
    server.closeAllConnections();
    await closed;
    await apollo.stop();
    await limiter.close();
  }
}
