import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { escapeHtml } from './catalogue.js';
import { createDemoStorefront } from './demo-storefront.js';

interface Seen {
  headers: IncomingHttpHeaders;
  body: { query: string; variables: { input: Record<string, string> } };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

// A fake GraphQL endpoint standing in for the API's /graphql.
let graphql: Server;
let graphqlUrl: string;
let answer: (input: Record<string, string>) => { status?: number; body: unknown };
const seen: Seen[] = [];

// The storefront handler mounted on its own server, 404 for what it doesn't handle.
let shop: Server;
let shopUrl: string;

const guarantee = (input: Record<string, string>) => ({
  id: 'R3VhcmFudGVlOjE=',
  orderNumber: input.orderNumber,
  status: 'ACTIVE',
  fee: { amount: '30.00', currencyCode: 'USD' },
  productValue: { amount: '204.99', currencyCode: 'USD' },
  policyVersion: '2026-11',
  purchasedAt: '2026-11-20T10:00:00.000Z',
});

beforeAll(async () => {
  graphql = createServer(async (req, res) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    const body = JSON.parse(text) as Seen['body'];
    seen.push({ headers: req.headers, body });
    const { status = 200, body: out } = answer(body.variables.input);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(out));
  });
  graphqlUrl = `${await listen(graphql)}/graphql`;
  const handle = createDemoStorefront({
    publishableKey: 'pk_test_demo',
    secretKey: 'sk_test_demo',
    graphqlUrl,
    claimsByEmail: { address: 'claims@demo.example', smtpPort: 2525 },
  });
  shop = createServer(async (req, res) => {
    if (!(await handle(req, res))) {
      res.writeHead(404).end('not found');
    }
  });
  shopUrl = await listen(shop);
});
afterAll(async () => {
  await Promise.all([close(graphql), close(shop)]);
});
beforeEach(() => {
  seen.length = 0;
  answer = (input) => ({
    body: { data: { purchaseGuarantee: { guarantee: guarantee(input), userErrors: [] } } },
  });
});

function checkout(fields: Record<string, string>): Promise<Response> {
  return fetch(`${shopUrl}/demo/checkout`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

const order = {
  orderNumber: 'SO-123456',
  memberId: 'M1042',
  memberEmail: 'member@example.com',
  'qty_PACK-28': '1',
  'qty_TEE-MERINO-M': '2',
  'qty_BOTTLE-750': '1',
};

describe('demo storefront cart page', () => {
  it('embeds the widget in the checkout form with the publishable key and the cart value', async () => {
    const response = await fetch(`${shopUrl}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toContain('<form class="layout" method="post" action="/demo/checkout">');
    expect(html).toMatch(
      /<logistics-guarantee publishable-key="pk_test_demo" product-value="204\.99" currency-code="USD" name="logistics_guarantee">/,
    );
    expect(html).toContain('<script type="module" src="/widget/logistics-guarantee.js"></script>');
    expect(html).toContain('value="M1042"');
    expect(html).toContain('value="member@example.com"');
    expect(html).toMatch(/name="qty_PACK-28" value="1"/);
    expect(html).not.toContain('sk_test_demo');
  });

  it('generates a new order number for every page view', async () => {
    const orderNumber = async () =>
      /name="orderNumber" value="(SO-\d+)"/.exec(await (await fetch(`${shopUrl}/`)).text())?.[1];
    const [a, b] = await Promise.all([orderNumber(), orderNumber()]);
    expect(a).toMatch(/^SO-\d{6}$/);
    expect(b).toMatch(/^SO-\d{6}$/);
    expect(a).not.toBe(b);
  });

  it('leaves other paths to the API', async () => {
    expect((await fetch(`${shopUrl}/graphql`)).status).toBe(404);
    expect((await fetch(`${shopUrl}/demo/checkout`)).status).toBe(404);
  });
});

describe('demo storefront checkout', () => {
  it('buys the guarantee with the secret key when the form carries a quote token', async () => {
    const response = await checkout({ ...order, logistics_guarantee: 'quote-token-1' });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers.authorization).toBe('Bearer sk_test_demo');
    expect(seen[0]?.headers.origin).toBeUndefined();
    expect(seen[0]?.body.query).toContain('purchaseGuarantee(input: $input)');
    expect(seen[0]?.body.variables.input).toEqual({
      quoteToken: 'quote-token-1',
      orderNumber: 'SO-123456',
      memberId: 'M1042',
      memberEmail: 'member@example.com',
      // From the shop's own prices and the posted quantities, never from the page.
      productValue: { amount: '204.99', currencyCode: 'USD' },
      idempotencyKey: 'SO-123456',
    });
    expect(html).toContain('Order SO-123456 confirmed');
    expect(html).toContain('Protection added');
    expect(html).toContain('Active');
    expect(html).toContain('$30.00');
    expect(html).toContain('$234.99'); // 204.99 + 30.00
    // Claims by email: the page says where to write and with which subject (R20).
    expect(html).toContain('claims@demo.example');
    expect(html).toContain('M1042+SO-123456+Claim');
    expect(html).toContain('port 2525');
  });

  it('buys nothing when the shopper did not tick the box', async () => {
    const html = await (await checkout(order)).text();
    expect(seen).toHaveLength(0);
    expect(html).toContain('No shipping protection');
    expect(html).toContain('$204.99');
  });

  it('shows a refusal from userErrors, escaped', async () => {
    answer = () => ({
      body: {
        data: {
          purchaseGuarantee: {
            guarantee: null,
            userErrors: [
              {
                field: ['input', 'quoteToken'],
                message: 'Quote <b>expired</b>',
                code: 'QUOTE_EXPIRED',
              },
            ],
          },
        },
      },
    });
    const html = await (await checkout({ ...order, logistics_guarantee: 'old' })).text();
    expect(html).toContain('Shipping protection was not added');
    expect(html).toContain('QUOTE_EXPIRED');
    expect(html).toContain('Quote &lt;b&gt;expired&lt;/b&gt;');
    expect(html).not.toContain('<b>expired</b>');
  });

  it('shows a top-level GraphQL error as a failure', async () => {
    answer = () => ({
      status: 401,
      body: { errors: [{ message: 'Bad key', extensions: { code: 'UNAUTHENTICATED' } }] },
    });
    const response = await checkout({ ...order, logistics_guarantee: 't' });
    expect(response.status).toBe(502);
    expect(await response.text()).toContain('UNAUTHENTICATED: Bad key');
  });

  it('reports an unreachable API without crashing', async () => {
    const down = createServer();
    const url = await listen(down);
    await close(down);
    const handle = createDemoStorefront({
      publishableKey: 'pk',
      secretKey: 'sk',
      graphqlUrl: `${url}/graphql`,
    });
    const server = createServer(async (req, res) => {
      await handle(req, res);
    });
    const base = await listen(server);
    const response = await fetch(`${base}/demo/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...order, logistics_guarantee: 't' }).toString(),
    });
    await close(server);
    expect(response.status).toBe(502);
    expect(await response.text()).toContain('could not be reached');
  });

  it('escapes what the shopper typed', async () => {
    const html = await (
      await checkout({ ...order, memberId: '<script>alert(1)</script>', orderNumber: '"><img>' })
    ).text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img&gt;');
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});
