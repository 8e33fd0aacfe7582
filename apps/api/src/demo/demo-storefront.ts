// A demo storefront for development: a cart page embedding <logistics-guarantee>, a checkout
// that buys the guarantee server-side, the way a real storefront would, and a member page
// (/account) embedding <logistics-guarantee-claims> with a carrier control (account.ts).
// Self-contained (node:http types and @lg/client, as a shop would use) so the API can mount it
// outside production.
import { randomInt } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createClient, PurchaseGuaranteeDocument, RequestError } from '@lg/client';

export interface DemoStorefrontOptions {
  /** The demo storefront's publishable key, embedded in the page for the widget. */
  publishableKey: string;
  /** The demo storefront's secret key, used only server-side for purchaseGuarantee. */
  secretKey: string;
  /** Absolute URL of this server's /graphql, for server-side calls. */
  graphqlUrl: string;
  /** Where members email claims (the SMTP listener); null when it is off. */
  claimsByEmail?: ClaimsByEmail | null;
}

import { accountPage, carrierEvent, demoOrders, demoSession } from './account.js';
import { decimal, FIELD, orderedLines, type PurchaseOutcome } from './catalogue.js';
import { type ClaimsByEmail, cartPage, confirmationPage, page } from './pages.js';

const MAX_BODY_BYTES = 64 * 1024;

function newOrderNumber(): string {
  return `SO-${randomInt(100_000, 1_000_000)}`;
}

/**
 * The handler: serves `GET /`, `POST /demo/checkout`, `GET /account`, `POST /demo/session`
 * and `POST /demo/carrier`; returns false for anything else.
 */
export function createDemoStorefront(
  opts: DemoStorefrontOptions,
): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  return async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/' && (req.method === 'GET' || req.method === 'HEAD')) {
      send(res, 200, cartPage(opts.publishableKey, newOrderNumber()), req.method === 'HEAD');
      return true;
    }
    if (path === '/demo/checkout' && req.method === 'POST') {
      const body = await readBody(req);
      if (body === undefined) {
        send(res, 413, page('Order too large', '<p>The form was too large.</p>'));
        return true;
      }
      const form = new URLSearchParams(body);
      const outcome = await purchase(opts, form);
      send(
        res,
        outcome.kind === 'failed' ? 502 : 200,
        confirmationPage(form, outcome, opts.claimsByEmail ?? null),
      );
      return true;
    }
    if (path === '/account' || path === '/demo/session' || path === '/demo/carrier')
      return account(opts, req, res, path);
    return false;
  };
}

/** The member page, its session renewal and its carrier control. */
async function account(
  opts: DemoStorefrontOptions,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<boolean> {
  const shop = createClient({ url: opts.graphqlUrl, credential: opts.secretKey });
  if (path === '/account' && (req.method === 'GET' || req.method === 'HEAD')) {
    const token = await demoSession(shop);
    const orders = await demoOrders(createClient({ url: opts.graphqlUrl, credential: token }));
    const notice = new URLSearchParams((req.url ?? '').split('?')[1] ?? '').get('notice') ?? '';
    send(res, 200, accountPage(token, orders, notice), req.method === 'HEAD');
    return true;
  }
  if (path === '/demo/session' && req.method === 'POST') {
    const body = JSON.stringify({ token: await demoSession(shop) });
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(body);
    return true;
  }
  if (path === '/demo/carrier' && req.method === 'POST') {
    const form = new URLSearchParams((await readBody(req)) ?? '');
    const token = await demoSession(shop);
    const orders = await demoOrders(createClient({ url: opts.graphqlUrl, credential: token }));
    // Only the demo member's own orders: the page offers nothing else.
    const order = orders.find((o) => o.orderNumber === form.get('orderNumber'));
    const refusal = order
      ? await carrierEvent(shop, order, form.get('action') ?? '')
      : 'no such order for the demo member';
    res.writeHead(303, {
      location: refusal ? `/account?notice=${encodeURIComponent(refusal)}` : '/account',
    });
    res.end();
    return true;
  }
  return false;
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** "Nov 26, 2026, 4:32 PM UTC": a date a shopper reads, not an ISO timestamp. */
function send(res: ServerResponse, status: number, html: string, headOnly = false): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(html),
  });
  res.end(headOnly ? undefined : html);
}

/** Buys the guarantee when the form carries a quote token, as a storefront's server would. */
async function purchase(
  opts: DemoStorefrontOptions,
  form: URLSearchParams,
): Promise<PurchaseOutcome> {
  const quoteToken = form.get(FIELD);
  if (!quoteToken) return { kind: 'none' };
  const orderNumber = form.get('orderNumber') ?? '';
  // The order's value comes from the shop's own prices, never from the page: the token in the
  // form is the shopper's to change, and the API refuses one quoted for another value.
  const subtotal = orderedLines(form).reduce((sum, line) => sum + line.total, 0);
  const input = {
    quoteToken,
    orderNumber,
    memberId: form.get('memberId') ?? '',
    memberEmail: form.get('memberEmail') ?? '',
    productValue: { amount: decimal(subtotal), currencyCode: 'USD' as const },
    // The order number as idempotency key: a resubmitted checkout replays the first result.
    idempotencyKey: orderNumber,
  };
  const lg = createClient({ url: opts.graphqlUrl, credential: opts.secretKey });
  try {
    const { purchaseGuarantee: payload } = await lg.request(PurchaseGuaranteeDocument, { input });
    if (payload.guarantee) return { kind: 'bought', guarantee: payload.guarantee };
    if (payload.userErrors.length) return { kind: 'refused', userErrors: payload.userErrors };
    return { kind: 'failed', message: 'The API answered with neither a guarantee nor a reason.' };
  } catch (error) {
    if (!(error instanceof RequestError)) throw error;
    // GraphQL errors read "CODE: message"; no answer at all says so.
    return {
      kind: 'failed',
      message:
        error.status === 0 ? `The API could not be reached (${error.message}).` : error.message,
    };
  }
}
