// POST /carriers/easypost/:storefrontId and /carriers/aftership/:storefrontId: tracking
// services' webhooks. Bounded before any work (per-storefront rate, body size), then the
// signature over the raw body decides whether anything in it is read (services/carrier-feeds).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App } from '../app.js';
import type { CarrierFeedProvider } from '../services/carrier-feeds/configure-carrier-feed.js';
import { receiveCarrierFeed } from '../services/carrier-feeds/receive-carrier-feed.js';
import { SIGNATURE_HEADERS } from '../services/carrier-feeds/verify-carrier-signature.js';
import { isUuid } from '../services/uuid.js';
import { header, readBodyWithin, sendClosingError, sendError, sendJson } from './respond.js';
import type { RouteHandler } from './server.js';

/** Largest webhook body accepted: a tracker with a long history is tens of kilobytes. */
export const MAX_CARRIER_BODY_BYTES = 512 * 1024;

const FEED_PATH = /^\/carriers\/(easypost|aftership)\/([A-Za-z0-9-]{1,64})$/;
const PROVIDERS: Readonly<Record<string, CarrierFeedProvider>> = {
  easypost: 'EASYPOST',
  aftership: 'AFTERSHIP',
};

export function carrierRoutes(app: App): RouteHandler {
  return async (req, res, path, _search, client) => {
    if (!path.startsWith('/carriers/')) return false;
    const match = FEED_PATH.exec(path);
    const provider = match ? PROVIDERS[match[1] as string] : undefined;
    if (!match || !provider) {
      sendClosingError(
        res,
        404,
        'NOT_FOUND',
        'no such carrier feed: /carriers/easypost/<id> or /carriers/aftership/<id>',
      );
      return true;
    }
    if (req.method !== 'POST') {
      sendClosingError(res, 405, 'METHOD_NOT_ALLOWED', 'tracking webhooks are POSTed', {
        allow: 'POST',
      });
      return true;
    }
    const storefrontId = (match[2] as string).toLowerCase();
    // Per storefront, before the body is read: a provider retrying in a loop (or someone
    // posting at a storefront's URL) slows only that storefront's feed.
    const wait = await client.limiter.consume('carrier', storefrontId);
    if (wait !== null) {
      sendClosingError(res, 429, 'RATE_LIMITED', 'too many carrier webhooks for this storefront', {
        'retry-after': String(wait),
      });
      return true;
    }
    await handleDelivery(app, req, res, provider, storefrontId);
    return true;
  };
}

async function handleDelivery(
  app: App,
  req: IncomingMessage,
  res: ServerResponse,
  provider: CarrierFeedProvider,
  storefrontId: string,
): Promise<void> {
  const rawBody = await readBodyWithin(req, MAX_CARRIER_BODY_BYTES, () =>
    sendClosingError(
      res,
      413,
      'PAYLOAD_TOO_LARGE',
      `the body is larger than ${MAX_CARRIER_BODY_BYTES} bytes`,
    ),
  );
  if (rawBody === null) return;
  const signature = header(req, SIGNATURE_HEADERS[provider]);
  // An id that is no UUID names no storefront: the same answer as an unknown one.
  const result = isUuid(storefrontId)
    ? await receiveCarrierFeed(app, provider, storefrontId, { rawBody, signature }, app.clock())
    : ({ kind: 'unauthorized' } as const);
  const log = { provider, storefrontId };
  switch (result.kind) {
    case 'unauthorized':
      app.logger.warn(
        { ...log, signed: signature !== undefined },
        'carrier feed: refused, the signature does not verify',
      );
      // The same answer whether the storefront, its feed or the signature is what's missing.
      sendError(
        res,
        401,
        'UNAUTHORIZED',
        `missing or wrong ${SIGNATURE_HEADERS[provider]} signature`,
      );
      return;
    case 'malformed':
      app.logger.warn(
        { ...log, reason: result.reason },
        'carrier feed: signed body not understood',
      );
      sendError(res, 400, 'BAD_REQUEST', result.reason);
      return;
    case 'other':
      app.logger.info({ ...log, reason: result.reason }, 'carrier feed: nothing to track');
      sendJson(res, 200, { received: true, recorded: 0, reason: result.reason });
      return;
    case 'unknown-tracking-number':
      app.logger.info(
        { ...log, trackingNumber: result.trackingNumber },
        'carrier feed: no package with this tracking number, ignored',
      );
      sendJson(res, 200, {
        received: true,
        recorded: 0,
        reason: 'no package with this tracking number',
      });
      return;
    case 'recorded':
      app.logger.info(
        {
          ...log,
          trackingNumber: result.trackingNumber,
          recorded: result.recorded,
          repeated: result.repeated,
          // A tracker's history can be long: the first few say enough.
          ignored: result.ignored.slice(0, 20),
          ignoredCount: result.ignored.length,
          status: result.status,
        },
        result.recorded === 0 ? 'carrier feed: nothing new' : 'carrier feed: events recorded',
      );
      sendJson(res, 200, {
        received: true,
        recorded: result.recorded,
        repeated: result.repeated,
        ignored: result.ignored.length,
      });
      return;
  }
}
