// Starts the whole API in one process: database, HTTP routes, and (unless LG_WORKER=off) the
// outbox dispatcher and the loss report's month keeper. Used by `pnpm start` and by the tests, so both run the same wiring.
import type { AddressInfo } from 'node:net';
import { consoleDistPath } from '@lg/console/dist-path';
import { claimsBundlePath, widgetBundlePath } from '@lg/widget/bundle-path';
import { type App, type CreateAppOptions, createApp } from './app.js';
import { REVOKED_KEYS_CHANNEL } from './auth/key-revocation.js';
import { bootstrap, type DemoCredentials } from './bootstrap.js';
import type { Config } from './config.js';
import { carrierRoutes } from './http/carrier-routes.js';
import { documentRoutes } from './http/document-routes.js';
import { inboundEmailRoute } from './http/inbound-email-route.js';
import {
  createHttpServer,
  type HttpServer,
  IN_FLIGHT_LIMIT_MS,
  type RouteHandler,
} from './http/server.js';
import { mtaName, type SmtpListener, startSmtpListener } from './inbound/smtp-listener.js';
import { createDispatcher, type Dispatcher } from './outbox/dispatcher.js';
import type { DnsResolver } from './services/email-claims/check-sender.js';
import { MonthKeeper } from './services/reports/month-keeper.js';

export interface RunningServer {
  app: App;
  http: HttpServer;
  url: string;
  demo: DemoCredentials | null;
  /** The outbox dispatcher running in this process; null with LG_WORKER=off. */
  dispatcher: Dispatcher | null;
  /** Keeps the loss report's closed months ahead of requests; null with LG_WORKER=off. */
  monthKeeper: MonthKeeper | null;
  /** The claims-by-email SMTP listener; null unless LG_INBOUND_SMTP_PORT is set. */
  smtp: SmtpListener | null;
  /**
   * Stops: HTTP drains (readiness failing through `graceMs`, default 0, then in-flight
   * requests finish), the dispatcher finishes its deliveries, the database closes. Idempotent.
   */
  close(graceMs?: number): Promise<void>;
}

export interface StartOptions extends CreateAppOptions {
  /** Skip the demo storefront even outside production (tests create their own). */
  demo?: boolean;
  /** DNS for checking inbound claim mail (SPF, DKIM, DMARC); tests pass a fake one. */
  dnsResolver?: DnsResolver;
}

export async function startServer(
  config: Config,
  options: StartOptions = {},
): Promise<RunningServer> {
  const { phases } = options;
  const app = await createApp(config, options);
  phases?.begin('preparing the HTTP server (GraphQL schema, widget and console bundles)');
  const mail = { resolver: options.dnsResolver, mta: mtaName() };
  const routes: RouteHandler[] = [
    documentRoutes(app),
    carrierRoutes(app),
    inboundEmailRoute(app, mail),
  ];
  const http = await createHttpServer(app, {
    widgetBundlePath,
    claimsBundlePath,
    consoleDistPath,
    routes,
  });
  const stopForgettingRevokedKeys = await forgetRevokedKeys(app, () => http.streams.recheck());
  phases?.end('http');
  await new Promise<void>((resolve, reject) => {
    http.server.once('error', reject);
    http.server.listen(config.port, config.host, () => resolve());
  });
  const port = (http.server.address() as AddressInfo).port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;

  const smtp =
    config.inboundSmtpPort === undefined
      ? null
      : await startSmtpListener(app, config.inboundSmtpPort, config.host, {
          ...mail,
          closeTimeoutMs: IN_FLIGHT_LIMIT_MS,
        });

  phases?.end('listen');
  phases?.begin('seeding (operator key, demo storefront)');
  const demo = await bootstrap(app, port, { demo: options.demo !== false });
  if (demo) {
    // Loaded only outside production: the demo shop is not part of a deployed API.
    const { createDemoStorefront } = await import('./demo/demo-storefront.js');
    const handle = createDemoStorefront({
      publishableKey: demo.publishableKey,
      secretKey: demo.secretKey,
      graphqlUrl: `${url}/graphql`,
      claimsByEmail: smtp ? { address: mailAddressOf(config.mailFrom), smtpPort: smtp.port } : null,
    });
    routes.push((req, res) => handle(req, res));
  }
  phases?.end('seed');

  const dispatcher = config.runWorker ? createDispatcher(app) : null;
  dispatcher?.start();
  const monthKeeper = config.runWorker
    ? new MonthKeeper(app.db, app.logger, { clock: () => app.clock() })
    : null;
  monthKeeper?.start();

  let closing: Promise<void> | undefined;
  const close = async (graceMs: number) => {
    // The dispatcher delivers through the grace, then stops claiming when the listener closes
    // and finishes what it holds alongside the last requests (events those enqueue wait in
    // the outbox for the next dispatcher): the stop takes the HTTP drain's time, not the sum.
    const stopDispatcher = async () => {
      if (graceMs > 0) await new Promise((resolve) => setTimeout(resolve, graceMs));
      await dispatcher?.stop(IN_FLIGHT_LIMIT_MS);
    };
    // Claim mail stops with the HTTP listener; a session still open gets the in-flight time.
    const stopSmtp = async () => {
      if (graceMs > 0) await new Promise((resolve) => setTimeout(resolve, graceMs));
      await smtp?.close();
    };
    // The keeper stops after the month it is counting (one statement); the rest waits.
    await Promise.all([
      http.shutdown({ graceMs }),
      stopDispatcher(),
      stopSmtp(),
      monthKeeper?.stop(),
    ]);
    await stopForgettingRevokedKeys();
    await app.close();
  };
  return {
    app,
    http,
    url,
    demo,
    dispatcher,
    monthKeeper,
    smtp,
    close(graceMs = 0) {
      closing ??= close(graceMs);
      return closing;
    },
  };
}

/** The bare address of MAIL_FROM ("Name <a@b>" -> "a@b"): where members write claims to. */
function mailAddressOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
}

/**
 * Drops a key revoked anywhere (`pnpm lg key revoke`, another instance) from this one's cache,
 * and ends the streams it (or a member session it vouched for) holds open.
 */
async function forgetRevokedKeys(
  app: App,
  recheckStreams: () => Promise<void>,
): Promise<() => Promise<void>> {
  try {
    return await app.database.listen(REVOKED_KEYS_CHANNEL, (keyHash) => {
      app.authenticator.forget(keyHash);
      recheckStreams().catch((error: unknown) =>
        app.logger.warn({ err: error }, 'streams: re-checking credentials failed'),
      );
    });
  } catch (error) {
    // The cache's 30 s lifetime still bounds how long a revoked key keeps working.
    app.logger.warn({ err: error }, 'revoked keys: LISTEN unavailable, cache expiry only');
    return async () => {};
  }
}
