import { Lexer, Source, TokenKind } from 'graphql';
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeApiKey } from '../auth/key-revocation.js';
import {
  readJson,
  startTestApi,
  type TestApi,
  type TestStorefront,
} from '../test-support/harness.js';
import { QUERY_LIMITS } from './limits.js';

let api: TestApi;
let shop: TestStorefront;

function countTokens(document: string): number {
  const lexer = new Lexer(new Source(document));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count += 1;
  return count;
}

beforeAll(async () => {
  api = await startTestApi();
  shop = await api.createStorefront({ allowedOrigins: ['https://shop.example'] });
});
afterAll(() => api.close());

const QUOTE =
  'mutation { quoteGuarantee(input: { currencyCode: USD, lines: [{ unitPrice: "10.00", quantity: 1 }] }) { quote { fee { amount } } } }';

function post(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('health', () => {
  it('answers /healthz and /readyz', async () => {
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${api.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await readJson(ready)).toEqual({ status: 'ready' });
  });

  it('answers an unknown path with a 404 and a reason', async () => {
    const response = await fetch(`${api.url}/nope`);
    expect(response.status).toBe(404);
    expect((await readJson(response)).error.code).toBe('NOT_FOUND');
  });
});

describe('request ids', () => {
  const answers: [string, () => Promise<Response>][] = [
    [
      'a quote (first sight, Apollo)',
      () => post({ query: QUOTE }, { authorization: `Bearer ${shop.secretKey}` }),
    ],
    [
      'a quote (prepared)',
      () => post({ query: QUOTE }, { authorization: `Bearer ${shop.secretKey}` }),
    ],
    [
      'a refused credential',
      () => post({ query: QUOTE }, { authorization: 'Bearer sk_test_nope' }),
    ],
    ['invalid JSON', () => post('{not json')],
    ['a body over the limit', () => post('x'.repeat(QUERY_LIMITS.maxBodyBytes + 1))],
    ['a method GraphQL does not take', () => fetch(`${api.url}/graphql`, { method: 'PUT' })],
    ['a preflight', () => fetch(`${api.url}/graphql`, { method: 'OPTIONS' })],
    ['/healthz', () => fetch(`${api.url}/healthz`)],
    ['an unknown path', () => fetch(`${api.url}/nope`)],
  ];

  it.each(answers)('gives %s an x-request-id', async (_name, send) => {
    const response = await send();
    await response.arrayBuffer();
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('echoes a well-formed x-request-id and replaces a malformed one', async () => {
    const echoed = await post({ query: QUOTE }, { 'x-request-id': 'checkout-42.a_b' });
    expect(echoed.headers.get('x-request-id')).toBe('checkout-42.a_b');
    const replaced = await post({ query: QUOTE }, { 'x-request-id': 'no spaces allowed' });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('CORS and origins', () => {
  it('answers a preflight for any origin, cached up to 2 h', async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://anywhere.example', 'access-control-request-method': 'POST' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://anywhere.example');
    expect(response.headers.get('access-control-max-age')).toBe('7200');
    expect(response.headers.get('vary')).toMatch(/Origin/);
  });

  it('serves a publishable key from an allowed origin, with Access-Control-Allow-Origin', async () => {
    const response = await post(
      { query: QUOTE },
      { origin: 'https://shop.example', authorization: `Bearer ${shop.publishableKey}` },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect((await readJson(response)).data.quoteGuarantee.quote.fee.amount).toBe('30.00');
  });

  it('refuses a publishable key from another origin as FORBIDDEN, without CORS headers', async () => {
    const response = await post(
      { query: QUOTE },
      { origin: 'https://evil.example', authorization: `Bearer ${shop.publishableKey}` },
    );
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect((await readJson(response)).errors[0]?.extensions.code).toBe('FORBIDDEN');
  });

  it('lets the page read the refusal of an unknown or revoked publishable key (UNAUTHENTICATED)', async () => {
    // Revoked before its first use, so no cached look-up keeps it alive.
    const revoked = await api.createStorefront({ allowedOrigins: ['https://shop.example'] });
    await revokeApiKey(api.server.app.db, revoked.publishableKey, new Date());
    for (const key of ['pk_test_nosuchkey000000000000', revoked.publishableKey]) {
      const response = await post(
        { query: QUOTE },
        { origin: 'https://shop.example', authorization: `Bearer ${key}` },
      );
      expect(response.status).toBe(401);
      expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
      expect(response.headers.get('vary')).toMatch(/Origin/);
      expect((await readJson(response)).errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('serves a publishable key without Origin (a server)', async () => {
    const response = await post(
      { query: QUOTE },
      { authorization: `Bearer ${shop.publishableKey}` },
    );
    expect(response.status).toBe(200);
  });
});

describe('the widget bundle', () => {
  it('is served as JavaScript to any origin with an ETag and revalidates with 304', async () => {
    const response = await fetch(`${api.url}/widget/logistics-guarantee.js`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cache-control')).toMatch(/max-age/);
    const etag = response.headers.get('etag') as string;
    expect(await response.text()).toContain('logistics-guarantee');
    const again = await fetch(`${api.url}/widget/logistics-guarantee.js`, {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    const versioned = await fetch(
      `${api.url}/widget/logistics-guarantee.${etag.replaceAll('"', '')}.js`,
    );
    expect(versioned.headers.get('cache-control')).toMatch(/immutable/);
  });

  it("serves the member center's own bundle beside it, versioned alike", async () => {
    const response = await fetch(`${api.url}/widget/logistics-guarantee-claims.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const etag = response.headers.get('etag') as string;
    expect(await response.text()).toContain('logistics-guarantee-claims');
    const checkout = await fetch(`${api.url}/widget/logistics-guarantee.js`, { method: 'HEAD' });
    expect(checkout.headers.get('etag')).not.toBe(etag);
    const versioned = await fetch(
      `${api.url}/widget/logistics-guarantee-claims.${etag.replaceAll('"', '')}.js`,
    );
    expect(versioned.status).toBe(200);
    expect(versioned.headers.get('cache-control')).toMatch(/immutable/);
    // A hash of the other bundle is not a name of this one.
    const crossed = await fetch(
      `${api.url}/widget/logistics-guarantee-claims.${checkout.headers.get('etag')?.replaceAll('"', '')}.js`,
    );
    expect(crossed.status).toBe(404);
  });
});

describe('query limits', () => {
  /** A selection `depth` fields deep: claims > edges > node > guarantee > claims > ... > id. */
  function deepQuery(depth: number): string {
    const cycle = ['claims(first: 1)', 'edges', 'node', 'guarantee'];
    let inner = 'id';
    for (let level = depth - 1; level >= 1; level -= 1) {
      inner = `${cycle[(level - 1) % cycle.length]} { ${inner} }`;
    }
    return `{ ${inner} }`;
  }

  const refusedFor = async (query: string) => {
    const response = await post({ query }, { authorization: `Bearer ${api.operatorKey}` });
    const body = await readJson(response);
    return {
      refused: body.data === undefined && Array.isArray(body.errors),
      body,
      status: response.status,
    };
  };

  it(`accepts ${QUERY_LIMITS.maxDepth} levels and refuses ${QUERY_LIMITS.maxDepth + 1} with no data`, async () => {
    expect((await refusedFor(deepQuery(QUERY_LIMITS.maxDepth))).refused).toBe(false);
    const over = await refusedFor(deepQuery(QUERY_LIMITS.maxDepth + 1));
    expect(over.refused).toBe(true);
    expect(over.body.errors[0]?.message).toMatch(/depth/i);
  });

  it(`accepts ${QUERY_LIMITS.maxAliases} aliases and refuses ${QUERY_LIMITS.maxAliases + 1}`, async () => {
    const aliases = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `a${i}: policy { version }`).join(' ')} }`;
    expect((await refusedFor(aliases(QUERY_LIMITS.maxAliases))).refused).toBe(false);
    const over = await refusedFor(aliases(QUERY_LIMITS.maxAliases + 1));
    expect(over.refused).toBe(true);
    expect(over.body.errors[0]?.message).toMatch(/alias/i);
  });

  it(`accepts ${QUERY_LIMITS.maxDirectives} directives and refuses ${QUERY_LIMITS.maxDirectives + 1}`, async () => {
    const directives = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `d${i}: __typename @include(if: true)`).join(' ')} }`;
    expect((await refusedFor(directives(QUERY_LIMITS.maxDirectives))).refused).toBe(false);
    expect((await refusedFor(directives(QUERY_LIMITS.maxDirectives + 1))).refused).toBe(true);
  });

  it('refuses a document over the token limit, and accepts one just under it', async () => {
    // A status filter of n values: the document's tokens grow one per value.
    const statuses = (n: number) =>
      `{ claims(first: 1, filter: { status: [${'UNDER_REVIEW '.repeat(n)}] }) { edges { cursor } } }`;
    const base = countTokens(statuses(0));
    expect((await refusedFor(statuses(QUERY_LIMITS.maxTokens - base))).refused).toBe(false);
    const over = await refusedFor(statuses(QUERY_LIMITS.maxTokens - base + 1));
    expect(over.refused).toBe(true);
    expect(over.body.errors[0]?.message).toMatch(/token/i);
  });

  it('refuses an operation over the cost bound, and accepts the widest one under it', async () => {
    const wide = (n: number) =>
      `{ claims(first: 100) { edges { node { ${Array.from({ length: n }, () => 'guarantee { packages { declaredValue { amount currencyCode } salePrice { amount currencyCode } } }').join(' ')} } } } }`;
    // Duplicated selections cost each time they are written; find the first width refused.
    let width = 1;
    while (!(await refusedFor(wide(width))).refused) width += 1;
    expect(width).toBeGreaterThan(1);
    const over = await refusedFor(wide(width));
    expect(over.body.errors[0]?.message).toMatch(/cost/i);
    expect((await refusedFor(wide(width - 1))).refused).toBe(false);
  });

  it('refuses batched requests', async () => {
    const response = await post([{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    expect(response.status).toBe(400);
  });

  it('refuses a body larger than the limit with 413', async () => {
    const response = await post({
      query: `{ __typename } # ${'x'.repeat(QUERY_LIMITS.maxBodyBytes)}`,
    });
    expect(response.status).toBe(413);
  });

  it('answers invalid JSON with 400 and a reason', async () => {
    const response = await post('{not json');
    expect(response.status).toBe(400);
    expect((await readJson(response)).errors[0]?.message).toMatch(/JSON/);
  });

  it('masks field suggestions', async () => {
    const body = await readJson(await post({ query: '{ polcy { version } }' }));
    expect(JSON.stringify(body)).not.toMatch(/Did you mean/);
  });

  it('refuses a GET without a CSRF-safe header (CSRF prevention)', async () => {
    const response = await fetch(
      `${api.url}/graphql?query=${encodeURIComponent('{ __typename }')}`,
    );
    expect(response.status).toBe(400);
    const ok = await fetch(
      `${api.url}/graphql?query=${encodeURIComponent('{ policy { version } }')}`,
      {
        headers: { 'apollo-require-preflight': 'true' },
      },
    );
    expect(ok.status).toBe(200);
  });
});

describe('GraphQL over HTTP conformance (graphql-http audits)', () => {
  it('passes every MUST audit', async () => {
    const audits = serverAudits({ url: `${api.url}/graphql`, fetchFn: fetch });
    const failures: string[] = [];
    for (const audit of audits) {
      const result = await audit.fn();
      if (audit.name.startsWith('MUST') && result.status !== 'ok')
        failures.push(`${audit.name}: ${result.reason}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('production mode', () => {
  it('turns introspection off and keeps errors masked', async () => {
    const prod = await startTestApi({ env: { NODE_ENV: 'production' } });
    try {
      const result = await prod.gql('{ __schema { types { name } } }');
      expect(result.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(JSON.stringify(result.body)).not.toMatch(/stack|\.ts:/);
    } finally {
      await prod.close();
    }
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After once a credential is over its limit', async () => {
    const limited = await startTestApi({ env: { LG_RATE_LIMITS: 'pk=3,ip=off' } });
    try {
      const store = await limited.createStorefront();
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 4; i += 1) {
        const response = await fetch(`${limited.url}/graphql`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${store.publishableKey}`,
          },
          body: JSON.stringify({ query: '{ policy { version } }' }),
        });
        statuses.push(response.status);
        retryAfter = response.headers.get('retry-after') ?? retryAfter;
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect(Number(retryAfter)).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});
