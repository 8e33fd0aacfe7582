// Test harness for the browser tests: one node:http server serves the built bundle, test
// pages, a fake /graphql whose answers the test controls, and records form submissions.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import type { ClaimsPageConfig, PageConfig } from './pages/config.js';

const bundlePath = fileURLToPath(new URL('../../dist/logistics-guarantee.js', import.meta.url));
const claimsBundlePath = fileURLToPath(
  new URL('../../dist/logistics-guarantee-claims.js', import.meta.url),
);

/** The React and Vue test apps, built by vite.pages.config.ts (see global-setup.ts). */
const pagesDir = fileURLToPath(new URL('../../.pages/', import.meta.url));

/** Where Chromium is, or undefined when it is not installed. */
export function findChromium(): string | undefined {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  return existsSync(path) ? path : undefined;
}

export function launchBrowser(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface CartLineInput {
  sku?: string;
  title?: string;
  unitPrice: string;
  quantity: number;
}

export interface QuoteInput {
  currencyCode: string;
  lines: CartLineInput[];
  presentation?: { locale?: string; preselected: boolean; surface: string };
}

export interface RecordedRequest {
  kind: 'quote' | 'member' | 'other';
  query: string;
  variables: { input?: QuoteInput };
  headers: IncomingHttpHeaders;
}

/** How the fake API answers one request. */
export interface Reply {
  status?: number;
  /** JSON body; a string is sent as text/plain. */
  body?: unknown;
  delayMs?: number;
  /** Drop the connection without answering (a network failure). */
  destroy?: boolean;
}

/** The policy in force, as a USD quote carries it (`Quote.policy`). */
const POLICY = {
  version: '2026-11',
  feeRate: '0.10',
  minimumFee: { amount: '30.00', currencyCode: 'USD' },
  maxCompensationPerPackage: { amount: '5000.00', currencyCode: 'USD' },
  damageProductCap: { amount: '100.00', currencyCode: 'USD' },
  damageShippingShare: '0.30',
  lossShippingShare: '1.00',
  claimWindowHours: 24,
  unclaimedDays: 30,
  responseDays: 7,
  exclusions: [
    {
      code: 'NATURAL_DISASTER',
      kind: 'EXCLUSION',
      title: 'Natural disasters',
      description: 'Storms, floods...',
      translations: [{ locale: 'zh-CN', title: '自然灾害' }],
    },
    {
      code: 'INCORRECT_ADDRESS',
      kind: 'EXCLUSION',
      title: 'Incorrect address',
      description: 'Wrong address.',
      translations: [{ locale: 'zh-CN', title: '收货地址错误' }],
    },
    {
      code: 'SANCTIONS',
      kind: 'EXCLUSION',
      title: 'Sanctions',
      description: 'Sanctioned goods.',
      translations: [],
    },
    {
      code: 'MISSING_DOCUMENTS',
      kind: 'CLAIM_CONDITION',
      title: 'Missing documents',
      description: 'A required document is missing.',
      translations: [{ locale: 'zh-CN', title: '缺少材料' }],
    },
  ],
};

/** What the member center reads for a session (`MemberCenter`): one order, one claim. */
const MEMBER = {
  policy: {
    requiredDocuments: [{ claimType: 'DAMAGE', documentKinds: ['PHOTO'] }],
    exclusions: [],
  },
  guarantees: {
    edges: [
      {
        node: {
          id: 'g_1',
          orderNumber: 'SO-88817',
          status: 'ACTIVE',
          fee: { amount: '5.75', currencyCode: 'USD' },
          packages: [{ trackingNumber: '1Z999', status: 'DELIVERED', flags: [] }],
        },
      },
    ],
  },
  claims: {
    edges: [
      {
        node: {
          id: 'c_1',
          reference: 'M1042+SO-88817+Claim',
          type: 'DAMAGE',
          status: 'UNDER_REVIEW',
          description: 'Cracked',
          filedAt: '2026-11-30T10:00:00.000Z',
          dueAt: null,
          paidAt: null,
          payoutReference: null,
          missingDocuments: [],
          package: { trackingNumber: '1Z999' },
          guarantee: { id: 'g_1', orderNumber: 'SO-88817' },
          documents: [],
          decision: null,
          timeline: [{ at: '2026-11-30T10:00:00.000Z', status: 'UNDER_REVIEW', note: null }],
        },
      },
    ],
  },
};

function cents(decimal: string): number {
  const [whole = '0', fraction = ''] = decimal.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
}

function money(minor: number) {
  return { amount: (minor / 100).toFixed(2), currencyCode: 'USD' };
}

export interface FakeApi {
  /** `http://127.0.0.1:<port>`: the bundle, the pages and /graphql. */
  origin: string;
  port: number;
  requests: RecordedRequest[];
  /** Form posts received at /submit, as urlencoded bodies. */
  submissions: URLSearchParams[];
  /** How long quotes live; 30 minutes unless a test shortens it. */
  quoteTtlMs: number;
  /** Answers quote requests; defaults to {@link FakeApi.okQuote}. `n` counts from 1. */
  onQuote: (input: QuoteInput, n: number) => Reply | Promise<Reply>;
  /** Answers the member center's `MemberCenter` query; defaults to {@link MEMBER}. */
  onMember: () => Reply;
  /** CORS for requests from other origins: allowed, or refused without the header. */
  cors: 'allow' | 'deny';
  /**
   * The publishable keys and member sessions it knows (`pk_test_1`, `ms_1`). Another is
   * refused as the real API does: 401 UNAUTHENTICATED, readable from any origin.
   */
  keys: string[];
  quotes(): RecordedRequest[];
  members(): RecordedRequest[];
  /** A 10% fee in USD with a minimum ($30 unless given, in cents), token `tok_<n>`, the policy. */
  okQuote(input: QuoteInput, n: number, minimumFee?: number): Reply;
  /** Serves `html` and returns its URL. */
  page(html: string): string;
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeApi(): Promise<FakeApi> {
  const bundle = readFileSync(bundlePath);
  const claimsBundle = readFileSync(claimsBundlePath);
  const pages = new Map<string, string>();
  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };

  const api: FakeApi = {
    origin: '',
    port: 0,
    requests: [],
    submissions: [],
    quoteTtlMs: 30 * 60_000,
    onQuote: (input, n) => api.okQuote(input, n),
    cors: 'allow',
    onMember: () => ({ body: { data: MEMBER } }),
    keys: ['pk_test_1', 'ms_1'],
    quotes: () => api.requests.filter((r) => r.kind === 'quote'),
    members: () => api.requests.filter((r) => r.kind === 'member'),
    okQuote(input, n, minimumFee = 3000) {
      const value = input.lines.reduce((sum, l) => sum + cents(l.unitPrice) * l.quantity, 0);
      const fee = Math.max(Math.round(value / 10), minimumFee);
      return {
        body: {
          data: {
            quoteGuarantee: {
              quote: {
                id: `q_${n}`,
                token: `tok_${n}`,
                productValue: money(value),
                fee: money(fee),
                feeRate: '0.10',
                minimumFeeApplied: fee === minimumFee,
                policyVersion: POLICY.version,
                expiresAt: new Date(Date.now() + api.quoteTtlMs).toISOString(),
                maxCompensationPerPackage: money(500000),
                policy: POLICY,
                exchangeRate: null,
              },
              userErrors: [],
            },
          },
        },
      };
    },
    page(html) {
      const path = `/page/${pages.size + 1}`;
      pages.set(path, html);
      return `${api.origin}${path}`;
    },
    reset() {
      api.requests.length = 0;
      api.submissions.length = 0;
      api.quoteTtlMs = 30 * 60_000;
      api.onQuote = (input, n) => api.okQuote(input, n);
      api.onMember = () => ({ body: { data: MEMBER } });
      api.cors = 'allow';
      api.keys = ['pk_test_1', 'ms_1'];
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const origin = req.headers.origin;
    const crossOrigin = origin !== undefined && origin !== api.origin;
    if (path === '/widget/logistics-guarantee.js') {
      res.setHeader('access-control-allow-origin', '*');
      return send(res, 200, 'text/javascript', bundle);
    }
    if (path === '/widget/logistics-guarantee-claims.js') {
      res.setHeader('access-control-allow-origin', '*');
      return send(res, 200, 'text/javascript', claimsBundle);
    }
    if (pages.has(path)) return send(res, 200, 'text/html; charset=utf-8', pages.get(path)!);
    // The apps and their shared chunks (`vue.esm-bundler-<hash>.js`); no slash, so no `..`.
    const app = /^\/pages\/([\w.-]+\.js)$/.exec(path)?.[1];
    if (app) return send(res, 200, 'text/javascript', readFileSync(pagesDir + app));
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString();
    if (path === '/submit' && req.method === 'POST') {
      api.submissions.push(new URLSearchParams(text));
      return send(res, 200, 'text/html', '<!doctype html><title>ok</title><p>submitted</p>');
    }
    // No live stream here, readably refused: the member center polls instead.
    if (path === '/graphql/stream') {
      res.writeHead(req.method === 'OPTIONS' ? 204 : 404, {
        'access-control-allow-origin': origin ?? '*',
        'access-control-allow-methods': 'POST, OPTIONS',
        'access-control-allow-headers': 'authorization, content-type, accept',
      });
      return res.end();
    }
    if (path !== '/graphql') return send(res, 404, 'text/plain', 'not found');
    // The preflight carries no key: answered for any origin, as the real API does.
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-origin': origin ?? '*',
        'access-control-allow-methods': 'POST, GET, OPTIONS',
        'access-control-allow-headers': 'authorization, content-type, accept',
        'access-control-max-age': '600',
      });
      return res.end();
    }
    const body = JSON.parse(text) as { query: string; variables?: { input?: QuoteInput } };
    const kind = body.query.includes('quoteGuarantee')
      ? 'quote'
      : body.query.includes('MemberCenter')
        ? 'member'
        : 'other';
    api.requests.push({
      kind,
      query: body.query,
      variables: body.variables ?? {},
      headers: req.headers,
    });
    const key = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const reply: Reply = !api.keys.includes(key)
      ? {
          status: 401,
          body: {
            errors: [
              { message: 'the key is unknown or revoked', extensions: { code: 'UNAUTHENTICATED' } },
            ],
          },
        }
      : kind === 'quote'
        ? await api.onQuote(body.variables?.input as QuoteInput, api.quotes().length)
        : kind === 'member'
          ? api.onMember()
          : { status: 400, body: { errors: [{ message: 'unexpected operation' }] } };
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    if (reply.destroy) return req.socket.destroy();
    if (crossOrigin && api.cors === 'allow') res.setHeader('access-control-allow-origin', origin);
    const json = typeof reply.body !== 'string';
    send(
      res,
      reply.status ?? 200,
      json ? 'application/json' : 'text/plain',
      json ? JSON.stringify(reply.body) : (reply.body as string),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api.port = (server.address() as AddressInfo).port;
  api.origin = `http://127.0.0.1:${api.port}`;
  return api;
}

/**
 * A page embedding the widget, recording its events in `window.lgEvents`. With `src: ''`
 * the page loads no script: the test loads it late, after setting up the element.
 */
export function cartPage(
  widget: string,
  {
    lang = 'en',
    head = '',
    before = '',
    src = '/widget/logistics-guarantee.js',
  }: { lang?: string; head?: string; before?: string; src?: string } = {},
): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>Cart</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body { font: 16px/1.5 system-ui, sans-serif; margin: 24px; width: 420px; }</style>
${head}
<script>
  window.lgEvents = [];
  for (const type of ['logistics-guarantee-change', 'logistics-guarantee-error']) {
    document.addEventListener(type, (e) =>
      window.lgEvents.push({ type, detail: e.detail, bubbles: e.bubbles, composed: e.composed }),
    );
  }
</script>
</head>
<body>
<main>
<h1>Your cart</h1>
<form id="checkout" method="post" action="/submit">
  <input type="hidden" name="order" value="SO-1">
  ${widget}
  <p id="below">Subtotal</p>
  <button type="submit">Check out</button>
</form>
</main>
${before}
${src ? `<script type="module" src="${src}"></script>` : ''}
</body>
</html>`;
}

/** The framework test apps of src/test/pages, built into .pages by vite.pages.config.ts. */
export type AppName = 'react' | 'vue' | 'react-claims' | 'vue-claims';

/** The events the app pages record in `window.lgEvents`, from both elements. */
const APP_EVENTS = [
  'logistics-guarantee-change',
  'logistics-guarantee-error',
  'logistics-guarantee-session-expired',
  'logistics-guarantee-claim-filed',
  'logistics-guarantee-claim-updated',
];

/**
 * A page running one of the React or Vue test apps from src/test/pages, which reads `config`
 * from `window.lgTest`; it records the elements' events in `window.lgEvents` and loads no
 * element script: the test loads it after the app has rendered.
 */
export function appPage(app: AppName, config: PageConfig | ClaimsPageConfig): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${app}</title>
<script>
  window.lgTest = ${JSON.stringify(config)};
  window.lgEvents = [];
  for (const type of ${JSON.stringify(APP_EVENTS)}) {
    document.addEventListener(type, (e) => window.lgEvents.push({ type, detail: e.detail }));
  }
</script>
</head>
<body>
<main id="app"></main>
<script type="module" src="/pages/${app}.js"></script>
</body>
</html>`;
}
