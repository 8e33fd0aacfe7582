// A demo storefront for development: a cart page embedding <logistics-guarantee> and a
// checkout that buys the guarantee server-side, the way a real storefront would.
// Self-contained (node:http types only) so the API can mount it outside production.
import { randomInt } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface DemoStorefrontOptions {
  /** The demo storefront's publishable key, embedded in the page for the widget. */
  publishableKey: string;
  /** The demo storefront's secret key, used only server-side for purchaseGuarantee. */
  secretKey: string;
  /** Absolute URL of this server's /graphql, for server-side calls. */
  graphqlUrl: string;
}

import {
  decimal,
  FIELD,
  type Guarantee,
  orderedLines,
  type PurchaseOutcome,
  type UserError,
} from './catalogue.js';
import { cartPage, confirmationPage, page } from './pages.js';

const MAX_BODY_BYTES = 64 * 1024;

const PURCHASE = `mutation PurchaseGuarantee($input: PurchaseGuaranteeInput!) {
  purchaseGuarantee(input: $input) {
    guarantee { id orderNumber status fee { amount currencyCode } productValue { amount currencyCode } policyVersion purchasedAt }
    userErrors { field message code }
  }
}`;

function newOrderNumber(): string {
  return `SO-${randomInt(100_000, 1_000_000)}`;
}

/** The handler: serves `GET /` and `POST /demo/checkout`; returns false for anything else. */
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
      send(res, outcome.kind === 'failed' ? 502 : 200, confirmationPage(form, outcome));
      return true;
    }
    return false;
  };
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
    productValue: { amount: decimal(subtotal), currencyCode: 'USD' },
    // The order number as idempotency key: a resubmitted checkout replays the first result.
    idempotencyKey: orderNumber,
  };
  try {
    const response = await fetch(opts.graphqlUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        authorization: `Bearer ${opts.secretKey}`,
      },
      body: JSON.stringify({ query: PURCHASE, variables: { input } }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await response.json().catch(() => null)) as {
      data?: {
        purchaseGuarantee?: { guarantee: Guarantee | null; userErrors: UserError[] };
      } | null;
      errors?: { message: string; extensions?: { code?: string } }[];
    } | null;
    const payload = body?.data?.purchaseGuarantee;
    if (payload?.guarantee) return { kind: 'bought', guarantee: payload.guarantee };
    if (payload?.userErrors.length) return { kind: 'refused', userErrors: payload.userErrors };
    const error = body?.errors?.[0];
    return {
      kind: 'failed',
      message: error
        ? `${error.extensions?.code ?? 'ERROR'}: ${error.message}`
        : `The API answered HTTP ${response.status}.`,
    };
  } catch (error) {
    return {
      kind: 'failed',
      message: `The API could not be reached (${(error as Error).message}).`,
    };
  }
}
