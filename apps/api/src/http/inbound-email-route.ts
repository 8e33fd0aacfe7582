// POST /inbound/email: claims by email for mail services that forward the raw message (an
// inbound-parse webhook, a forwarding rule). The body is the RFC 822 message as received;
// the same use case as the SMTP listener reads it (services/email-claims).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App } from '../app.js';
import { rateLimitKeyOf } from '../auth/viewer.js';
import { MAX_EMAIL_BYTES } from '../services/email-claims/limits.js';
import {
  type ClaimEmailOptions,
  receiveClaimEmail,
} from '../services/email-claims/receive-claim-email.js';
import { header, readBodyWithin, sendClosingError, sendError, sendJson } from './respond.js';
import type { RouteClient, RouteHandler } from './server.js';

const INBOUND_EMAIL_PATH = '/inbound/email';

export function inboundEmailRoute(app: App, options: ClaimEmailOptions): RouteHandler {
  return async (req, res, path, _search, client) => {
    if (path !== INBOUND_EMAIL_PATH) return false;
    await handle(app, options, req, res, client);
    return true;
  };
}

async function handle(
  app: App,
  options: ClaimEmailOptions,
  req: IncomingMessage,
  res: ServerResponse,
  client: RouteClient,
): Promise<void> {
  if (req.method !== 'POST') {
    sendClosingError(res, 405, 'METHOD_NOT_ALLOWED', 'send the message with POST', {
      allow: 'POST',
    });
    return;
  }
  const now = app.clock();
  const auth = await app.authenticator.authenticate(header(req, 'authorization'), undefined, now);
  if (!auth.ok || auth.viewer.kind === 'anonymous') {
    sendClosingError(
      res,
      401,
      'UNAUTHENTICATED',
      auth.ok ? 'send an operator key or a secret key as a Bearer token' : auth.failure.message,
      {
        'www-authenticate': 'Bearer',
      },
    );
    return;
  }
  const viewer = auth.viewer;
  if (viewer.kind !== 'operator' && viewer.kind !== 'secret') {
    sendClosingError(
      res,
      403,
      'FORBIDDEN',
      'inbound mail takes an operator key or a storefront secret key',
    );
    return;
  }
  const limit = rateLimitKeyOf(viewer);
  const wait = limit ? await client.limiter.consume(limit.kind, limit.key) : null;
  if (wait !== null) {
    sendClosingError(res, 429, 'RATE_LIMITED', 'too many requests for this key', {
      'retry-after': String(wait),
    });
    return;
  }
  const type = (header(req, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'message/rfc822') {
    sendClosingError(
      res,
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'send the raw message as Content-Type: message/rfc822',
    );
    return;
  }
  const raw = await readBodyWithin(req, MAX_EMAIL_BYTES, () =>
    sendClosingError(res, 413, 'TOO_LARGE', `messages are at most ${MAX_EMAIL_BYTES} bytes`),
  );
  if (raw === null) return;
  if (raw.length === 0) {
    sendError(res, 400, 'EMPTY_MESSAGE', 'the body must be the raw message');
    return;
  }
  const receipt = await receiveClaimEmail(
    app,
    raw,
    {
      transport: 'http',
      smtp: null,
      storefrontId: viewer.kind === 'secret' ? viewer.storefrontId : null,
    },
    options,
  );
  switch (receipt.status) {
    case 'RATE_LIMITED':
      sendError(res, 429, 'RATE_LIMITED', 'too many messages from this sender this hour', {
        'retry-after': String(receipt.retryAfterSeconds),
      });
      return;
    case 'DUPLICATE':
      sendJson(res, 200, { duplicate: true, outcome: receipt.outcome });
      return;
    case 'RECEIVED':
      sendJson(res, 200, {
        duplicate: false,
        outcome: receipt.outcome,
        claim: receipt.claim,
        replied: receipt.replied,
      });
  }
}
