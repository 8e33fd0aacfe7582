// The prepared-operations lane must answer exactly as Apollo does. The same requests go to the
// API with the lane (the harness's server) and to a second server on the same app with it off;
// status, headers and body must match byte for byte (random quote ids, tokens and order
// numbers aside). The lane's counters show which requests it served.
import type { AddressInfo } from 'node:net';
import { HeaderMap } from '@apollo/server';
import {
  GraphQLError,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from '../graphql/context.js';
import { createLogger } from '../logger.js';
import { startTestApi, type TestApi, type TestStorefront } from '../test-support/harness.js';
import {
  memberSession,
  nextOrderNumber,
  PURCHASE,
  quoteToken,
} from '../test-support/operations.js';
import { armorProtection, createApollo } from './apollo.js';
import { QUERY_LIMITS } from './limits.js';
import { ACCEPT_CONTENT_TYPES, PreparedOperations } from './prepared-operations.js';
import { createHttpServer, type HttpServer } from './server.js';

const ORIGIN = 'https://shop.example';
const WIDGET_ACCEPT = 'application/graphql-response+json, application/json';

/** The widget's document (bench/quote.ts). */
const QUOTE = `mutation Quote($input: QuoteGuaranteeInput!) { quoteGuarantee(input: $input) { quote { id token productValue { amount currencyCode } fee { amount currencyCode } feeRate minimumFeeApplied policyVersion expiresAt maxCompensationPerPackage { amount currencyCode } } userErrors { field message code } } }`;

const CLAIMS = `query Listing($first: Int!, $after: String) { claims(first: $first, after: $after) {
  edges { cursor node { id reference status } } pageInfo { hasNextPage endCursor } } }`;

const NODES = `query Nodes($id: ID!) { a: node(id: $id) { __typename id ...G }
  b: node(id: "bm90aGluZw") { id } policy { ...P } }
  fragment G on Guarantee { orderNumber status fee { amount } }
  fragment P on Policy { version feeRate }`;

const TWO_OPERATIONS = `query A { policy { version } } query B { first: policy { feeRate } second: __typename }`;

let api: TestApi;
let shop: TestStorefront;
let member: string;
let reference: HttpServer;
let referenceUrl: string;
let guaranteeId: string;

beforeAll(async () => {
  api = await startTestApi();
  shop = await api.createStorefront({ allowedOrigins: [ORIGIN] });
  member = await memberSession(api, shop, 'M1');
  reference = await createHttpServer(api.server.app, { preparedOperations: false });
  await new Promise<void>((resolve) => reference.server.listen(0, '127.0.0.1', resolve));
  referenceUrl = `http://127.0.0.1:${(reference.server.address() as AddressInfo).port}`;
  const bought = await api.gql<{ purchaseGuarantee: { guarantee: { id: string } } }>(
    PURCHASE,
    {
      input: {
        quoteToken: await quoteToken(api, shop),
        orderNumber: nextOrderNumber(),
        memberId: 'M1',
        memberEmail: api.secret('m1@example.com'),
        productValue: { amount: '120.00', currencyCode: 'USD' },
      },
    },
    shop.secretKey,
  );
  guaranteeId = bought.body.data?.purchaseGuarantee.guarantee.id ?? '';
  expect(guaranteeId).not.toBe('');
});
afterAll(async () => {
  await reference?.shutdown();
  await api?.close();
});

interface Sent {
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface Case {
  name: string;
  credential?: 'pk' | 'sk' | 'op' | 'member';
  headers?: Record<string, string>;
  /** A fresh body per request (mutations must not repeat an order number). */
  body: () => Promise<unknown> | unknown;
  /** Whether the lane serves the document once it has seen it. */
  lane: boolean;
}

function credentialOf(kind: Case['credential']): Record<string, string> {
  const key = {
    pk: shop.publishableKey,
    sk: shop.secretKey,
    op: api.operatorKey,
    member,
    none: undefined,
  }[kind ?? 'none'];
  return key ? { authorization: `Bearer ${key}` } : {};
}

async function send(url: string, c: Case, given?: unknown): Promise<Sent> {
  const body = given === undefined ? await c.body() : given;
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...credentialOf(c.credential), ...c.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = Buffer.from(await response.arrayBuffer()).toString('utf8');
  const headers: Record<string, string> = {};
  for (const [name, value] of response.headers) {
    if (name !== 'date' && name !== 'x-request-id') headers[name] = value;
  }
  expect(headers['content-length']).toBe(String(Buffer.byteLength(text)));
  delete headers['content-length'];
  return { status: response.status, headers, body: text };
}

/** Values that differ between any two requests: quote ids and tokens, order numbers. */
function normalised(sent: Sent): Sent {
  return {
    ...sent,
    body: sent.body
      .replace(/"(id|token|orderNumber|quoteToken|cursor|endCursor)":"[^"]*"/g, '"$1":"…"')
      .replace(/qt_[A-Za-z0-9_-]+/g, 'qt_…'),
  };
}

const aliases = (n: number) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: policy { version }`).join(' ')} }`;
const directives = (n: number) =>
  `{ ${Array.from({ length: n }, (_, i) => `d${i}: __typename @include(if: true)`).join(' ')} }`;
/** A selection `depth` fields deep: claims > edges > node > guarantee > claims > ... > id. */
function deepQuery(depth: number): string {
  const cycle = ['claims(first: 1)', 'edges', 'node', 'guarantee'];
  let inner = 'id';
  for (let level = depth - 1; level >= 1; level -= 1) {
    inner = `${cycle[(level - 1) % cycle.length]} { ${inner} }`;
  }
  return `{ ${inner} }`;
}

const quote = (input: unknown) => () => ({ query: QUOTE, variables: { input } });
const usd = (...unitPrices: string[]) => ({
  currencyCode: 'USD',
  lines: unitPrices.map((unitPrice, i) => ({ sku: `S${i}`, unitPrice, quantity: 2 })),
});
const purchase = (token: () => Promise<string>) => async () => ({
  query: PURCHASE,
  variables: {
    input: {
      quoteToken: await token(),
      orderNumber: nextOrderNumber(),
      memberId: 'M1',
      memberEmail: 'm1@example.com',
      productValue: { amount: '120.00', currencyCode: 'USD' },
    },
  },
});
const policy = '{ policy { version feeRate minimumFee { amount currencyCode } } }';

const cases: Case[] = [
  // quotes: success and every refusal a quote can give
  {
    name: 'the widget quote',
    credential: 'pk',
    headers: { origin: ORIGIN, accept: WIDGET_ACCEPT },
    body: quote(usd('39.90', '24.50')),
    lane: true,
  },
  {
    name: 'a quote from a server (no Origin)',
    credential: 'pk',
    body: quote(usd('120.00')),
    lane: true,
  },
  {
    name: 'a quote with a secret key',
    credential: 'sk',
    headers: { origin: ORIGIN },
    body: quote(usd('1.00')),
    lane: true,
  },
  {
    name: 'quote: UNSUPPORTED_CURRENCY',
    credential: 'pk',
    body: quote({ currencyCode: 'EUR', lines: [{ unitPrice: '1.00', quantity: 1 }] }),
    lane: true,
  },
  {
    name: 'quote: no lines',
    credential: 'pk',
    body: quote({ currencyCode: 'USD', lines: [] }),
    lane: true,
  },
  {
    name: 'quote: 101 lines',
    credential: 'pk',
    body: quote(usd(...Array.from({ length: 101 }, () => '1.00'))),
    lane: true,
  },
  {
    name: 'quote: too many decimals',
    credential: 'pk',
    body: quote(usd('1.001', '2.5x')),
    lane: true,
  },
  {
    name: 'quote: negative and zero prices',
    credential: 'pk',
    body: quote(usd('-5.00', '0.00')),
    lane: true,
  },
  { name: 'quote: zero value', credential: 'pk', body: quote(usd('0.00')), lane: true },
  {
    name: 'quote: over the bound',
    credential: 'pk',
    body: quote(usd('999999999.99', '999999999.99')),
    lane: true,
  },
  {
    name: 'quote: sku too long',
    credential: 'pk',
    body: quote({
      currencyCode: 'USD',
      lines: [{ sku: 'x'.repeat(501), unitPrice: '1.00', quantity: 1 }],
    }),
    lane: true,
  },
  {
    name: 'quote: quantity 0',
    credential: 'pk',
    body: quote({ currencyCode: 'USD', lines: [{ unitPrice: '1.00', quantity: 0 }] }),
    lane: true,
  },
  // auth failures at field level
  { name: 'quote without a credential (UNAUTHENTICATED)', body: quote(usd('1.00')), lane: true },
  {
    name: 'quote by a member (FORBIDDEN)',
    credential: 'member',
    body: quote(usd('1.00')),
    lane: true,
  },
  {
    name: 'quote by an operator (FORBIDDEN)',
    credential: 'op',
    body: quote(usd('1.00')),
    lane: true,
  },
  {
    name: 'claims by a publishable key (FORBIDDEN)',
    credential: 'pk',
    body: () => ({ query: CLAIMS, variables: { first: 5 } }),
    lane: true,
  },
  // bad variables: refused before any resolver runs, handed to Apollo
  {
    name: 'quote: quantity of the wrong type',
    credential: 'pk',
    body: quote({ currencyCode: 'USD', lines: [{ unitPrice: '1.00', quantity: 'one' }] }),
    lane: false,
  },
  {
    name: 'quote: a number where a Decimal string goes',
    credential: 'pk',
    body: quote({ currencyCode: 'USD', lines: [{ unitPrice: 1, quantity: 1 }] }),
    lane: false,
  },
  {
    name: 'quote: an unknown currency code',
    credential: 'pk',
    body: quote({ currencyCode: 'XXX1', lines: [] }),
    lane: false,
  },
  { name: 'quote: no variables', credential: 'pk', body: () => ({ query: QUOTE }), lane: false },
  {
    name: 'quote: null variables',
    credential: 'pk',
    body: () => ({ query: QUOTE, variables: null, operationName: null }),
    lane: false,
  },
  // purchases
  { name: 'a purchase', credential: 'sk', body: purchase(() => quoteToken(api, shop)), lane: true },
  {
    name: 'a purchase with a forged token',
    credential: 'sk',
    body: purchase(async () => 'q.forged'),
    lane: true,
  },
  {
    name: 'a purchase by a publishable key (FORBIDDEN)',
    credential: 'pk',
    body: purchase(async () => 'q.x'),
    lane: true,
  },
  // queries, variables, aliases, fragments, resolver errors
  { name: 'the policy, no credential', body: () => ({ query: policy }), lane: true },
  {
    name: 'the policy, null variables and operationName',
    body: () => ({ query: policy, variables: null, operationName: null }),
    lane: true,
  },
  {
    name: 'node with aliases and fragments',
    credential: 'sk',
    body: () => ({ query: NODES, variables: { id: guaranteeId } }),
    lane: true,
  },
  {
    name: "another tenant's node is null",
    credential: 'op',
    body: () => ({ query: NODES, variables: { id: guaranteeId } }),
    lane: true,
  },
  {
    name: 'the claims listing',
    credential: 'op',
    body: () => ({ query: CLAIMS, variables: { first: 2 }, operationName: 'Listing' }),
    lane: true,
  },
  {
    name: 'a forged cursor (resolver error)',
    credential: 'sk',
    body: () => ({ query: CLAIMS, variables: { first: 2, after: 'nope' } }),
    lane: true,
  },
  {
    name: 'first out of range',
    credential: 'sk',
    body: () => ({ query: CLAIMS, variables: { first: 0 } }),
    lane: true,
  },
  {
    name: 'a guarantee by order number',
    credential: 'sk',
    body: () => ({
      query: 'query($n: String!) { guaranteeByOrderNumber(orderNumber: $n) { id status } }',
      variables: { n: 'none' },
    }),
    lane: true,
  },
  // operation names
  {
    name: 'operation B of two',
    body: () => ({ query: TWO_OPERATIONS, operationName: 'B' }),
    lane: true,
  },
  {
    name: 'operation A of two',
    body: () => ({ query: TWO_OPERATIONS, operationName: 'A' }),
    lane: true,
  },
  {
    name: 'an unknown operation name',
    body: () => ({ query: TWO_OPERATIONS, operationName: 'C' }),
    lane: false,
  },
  { name: 'two operations, no name', body: () => ({ query: TWO_OPERATIONS }), lane: false },
  {
    name: 'an empty operation name',
    body: () => ({ query: policy, operationName: '' }),
    lane: false,
  },
  {
    name: 'a wrong name for a single operation',
    body: () => ({ query: 'query P { policy { version } }', operationName: 'Q' }),
    lane: false,
  },
  // what the lane never serves
  { name: 'extensions', body: () => ({ query: policy, extensions: {} }), lane: false },
  {
    name: 'a persisted-query extension',
    body: () => ({
      query: policy,
      extensions: { persistedQuery: { version: 1, sha256Hash: 'x' } },
    }),
    lane: false,
  },
  {
    name: 'introspection',
    body: () => ({ query: '{ __schema { queryType { name } } }' }),
    lane: false,
  },
  { name: '__type', body: () => ({ query: '{ __type(name: "Policy") { name } }' }), lane: false },
  {
    name: 'a validation error with a suggestion',
    body: () => ({ query: '{ polcy { version } }' }),
    lane: false,
  },
  { name: 'a syntax error', body: () => ({ query: '{ policy { version }' }), lane: false },
  // graphql-armor's limits: at the bound served, over it Apollo refuses
  {
    name: `${QUERY_LIMITS.maxAliases} aliases`,
    body: () => ({ query: aliases(QUERY_LIMITS.maxAliases) }),
    lane: true,
  },
  {
    name: `${QUERY_LIMITS.maxAliases + 1} aliases`,
    body: () => ({ query: aliases(QUERY_LIMITS.maxAliases + 1) }),
    lane: false,
  },
  {
    name: `${QUERY_LIMITS.maxDepth} levels`,
    credential: 'op',
    body: () => ({ query: deepQuery(QUERY_LIMITS.maxDepth) }),
    lane: true,
  },
  {
    name: `${QUERY_LIMITS.maxDepth + 1} levels`,
    credential: 'op',
    body: () => ({ query: deepQuery(QUERY_LIMITS.maxDepth + 1) }),
    lane: false,
  },
  {
    name: `${QUERY_LIMITS.maxDirectives + 1} directives`,
    body: () => ({ query: directives(QUERY_LIMITS.maxDirectives + 1) }),
    lane: false,
  },
  {
    name: 'over the cost bound',
    credential: 'op',
    body: () => ({
      query: `{ ${Array.from({ length: 20 }, (_, i) => `c${i}: claims(first: 100) { edges { node { id reference package { id } guarantee { id } } } }`).join(' ')} }`,
    }),
    lane: false,
  },
  { name: 'an empty query', body: () => ({ query: '' }), lane: false },
  { name: 'variables as an array', body: () => ({ query: policy, variables: [] }), lane: false },
  { name: 'variables as a string', body: () => ({ query: policy, variables: '{}' }), lane: false },
  {
    name: 'a numeric operationName',
    body: () => ({ query: policy, operationName: 1 }),
    lane: false,
  },
  { name: 'a batch', body: () => [{ query: policy }], lane: false },
  {
    name: 'a JSON string body',
    body: () => JSON.stringify(JSON.stringify({ query: policy })),
    lane: false,
  },
  { name: 'an empty object', body: () => ({}), lane: false },
  {
    name: 'text/plain (CSRF)',
    headers: { 'content-type': 'text/plain' },
    body: () => ({ query: policy }),
    lane: false,
  },
  {
    name: 'a +json content type',
    headers: { 'content-type': 'application/vnd.x+json' },
    body: () => ({ query: policy }),
    lane: false,
  },
  {
    name: 'application/json with charset',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: () => ({ query: policy }),
    lane: true,
  },
  {
    name: 'application/json with CHARSET=UTF-8',
    headers: { 'content-type': 'application/json;charset=UTF-8' },
    body: () => ({ query: policy }),
    lane: true,
  },
  // Accept: every value of the table, and some that are not in it
  ...[...ACCEPT_CONTENT_TYPES.keys()].map(
    (accept): Case => ({
      name: `Accept "${accept}"`,
      headers: { accept },
      body: () => ({ query: policy }),
      lane: true,
    }),
  ),
  ...[
    'text/html',
    'application/xml',
    'application/json;q=0.5, application/graphql-response+json',
    'multipart/mixed',
    'application/*',
  ].map(
    (accept): Case => ({
      name: `Accept "${accept}" (Apollo)`,
      headers: { accept },
      body: () => ({ query: policy }),
      lane: false,
    }),
  ),
  {
    name: 'Accept with a mutation Apollo refuses (406)',
    credential: 'pk',
    headers: { accept: 'text/html' },
    body: quote(usd('1.00')),
    lane: false,
  },
  {
    name: 'the widget quote to an allowed origin, JSON accept',
    credential: 'pk',
    headers: { origin: ORIGIN, accept: 'application/json' },
    body: quote(usd('10.00')),
    lane: true,
  },
];

describe('prepared operations', () => {
  it.each(cases.map((c) => [c.name, c] as const))(
    'answers as Apollo does: %s',
    async (_name, c) => {
      const lane = api.server.http.prepared;
      if (!lane) throw new Error('the lane is off');
      const first = await send(api.url, c);
      const body = await c.body(); // a purchase quotes first: not counted
      const before = lane.stats.served;
      const second = await send(api.url, c, body);
      expect(lane.stats.served - before).toBe(c.lane ? 1 : 0);
      const expected = normalised(await send(referenceUrl, c));
      expect(normalised(second)).toEqual(expected);
      expect(normalised(first)).toEqual(expected);
    },
  );

  it('serves a document from its second request on; the first goes to Apollo', async () => {
    const lane = api.server.http.prepared;
    if (!lane) throw new Error('the lane is off');
    const c: Case = {
      name: 'fresh',
      body: () => ({ query: '{ policy { version currency: __typename } }' }),
      lane: true,
    };
    const { served, prepared } = lane.stats;
    const first = await send(api.url, c);
    expect(lane.stats).toMatchObject({ served, prepared });
    const second = await send(api.url, c);
    expect(lane.stats).toMatchObject({ served: served + 1, prepared: prepared + 1 });
    await send(api.url, c);
    expect(lane.stats).toMatchObject({ served: served + 2, prepared: prepared + 1 });
    expect(second).toEqual(first);
  });

  it('keeps the limits of the HTTP layer in front of it (auth, origin)', async () => {
    const lane = api.server.http.prepared;
    if (!lane) throw new Error('the lane is off');
    const c: Case = {
      name: 'evil',
      credential: 'pk',
      headers: { origin: 'https://evil.example' },
      body: quote(usd('1.00')),
      lane: false,
    };
    const before = lane.stats.served;
    const refused = [await send(api.url, c), await send(api.url, c)];
    expect(lane.stats.served).toBe(before);
    expect(refused.map((r) => r.status)).toEqual([403, 403]);
    const unknown: Case = {
      name: 'bad key',
      headers: { authorization: 'Bearer pk_test_nope' },
      body: () => ({ query: policy }),
      lane: false,
    };
    expect((await send(api.url, unknown)).status).toBe(401);
    expect((await send(api.url, unknown)).status).toBe(401);
    expect(lane.stats.served).toBe(before);
  });
});

describe('prepared operations in production', () => {
  it('never lets a document bypass "no introspection"', async () => {
    const prod = await startTestApi({ env: { NODE_ENV: 'production' } });
    try {
      const lane = prod.server.http.prepared;
      if (!lane) throw new Error('the lane is off');
      for (const query of [
        '{ __schema { queryType { name } } }',
        '{ __type(name: "Policy") { name } }',
        '{ policy { version } __type(name: "Quote") { name } }',
      ]) {
        for (let i = 0; i < 3; i += 1) {
          const result = await prod.gql(query);
          expect(result.status).toBe(400);
          expect(result.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
        }
      }
      expect(lane.stats.served).toBe(0);
      await prod.gql('{ __typename policy { version } }');
      const served = await prod.gql('{ __typename policy { version } }');
      expect(served.body.data).toEqual({ __typename: 'Query', policy: { version: '2026-11' } });
      expect(lane.stats.served).toBe(1);
    } finally {
      await prod.close();
    }
  });
});

describe('prepared operations: errors Apollo formats', () => {
  // Resolvers the API's schema has no reason to have: plain errors (masked), suggestions
  // (masked by graphql-armor), errors carrying an HTTP status and header, a non-null field
  // failing up to data: null.
  const Query = new GraphQLObjectType<unknown, Context>({
    name: 'Query',
    fields: {
      ok: { type: GraphQLString, resolve: () => 'ok' },
      plain: {
        type: GraphQLString,
        resolve: () => {
          throw new Error('secret detail: /srv/app.ts');
        },
      },
      suggests: {
        type: GraphQLString,
        resolve: () => {
          throw new GraphQLError('No such thing. Did you mean "thing"?', {
            extensions: { code: 'BAD_USER_INPUT' },
          });
        },
      },
      teapot: {
        type: GraphQLString,
        resolve: () => {
          throw new GraphQLError('short and stout', {
            extensions: {
              code: 'FORBIDDEN',
              http: { status: 418, headers: new Map([['X-Teapot', 'yes']]) },
            },
          });
        },
      },
      required: { type: new GraphQLNonNull(GraphQLString), resolve: () => null },
      later: {
        type: GraphQLString,
        resolve: async () => {
          throw new GraphQLError('later', { extensions: { code: 'UNAUTHENTICATED' } });
        },
      },
      count: {
        type: GraphQLString,
        args: { xs: { type: new GraphQLList(GraphQLInt) } },
        resolve: (_r, args: { xs: number[] }) => String(args.xs.length),
      },
      asString: {
        type: GraphQLString,
        args: { s: { type: GraphQLString } },
        resolve: (_r, args: { s?: string }) => args.s ?? null,
      },
    },
  });
  const testSchema = new GraphQLSchema({ query: Query });
  const logger = createLogger('silent');

  const documents = [
    '{ ok plain }',
    '{ ok suggests }',
    '{ ok teapot }',
    '{ ok required }',
    '{ ok later plain }',
    '{ a: ok b: ok asString(s: "x") }',
    'query($s: String) { asString(s: $s) }',
  ];

  it.each(documents)('%s', async (query) => {
    const armor = armorProtection();
    const apollo = await createApollo({ production: true, logger, armor, schema: testSchema });
    const lane = new PreparedOperations({ schema: testSchema, armor, logger });
    try {
      const context = () => ({}) as Context;
      const body = { query, variables: { s: 'y' } };
      expect(lane.serve(body, 'application/json', undefined, context)).toBeUndefined();
      for (const accept of [undefined, WIDGET_ACCEPT]) {
        const served = await lane.serve(body, 'application/json', accept, context);
        if (!served) throw new Error('not served');
        const headers = new HeaderMap([['content-type', 'application/json']]);
        if (accept) headers.set('accept', accept);
        const expected = await apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: 'POST', headers, search: '', body },
          context: async () => context(),
        });
        expect({ status: served.status, headers: served.headers, body: served.body }).toEqual({
          status: expected.status ?? 200,
          headers: [...expected.headers],
          body: expected.body.kind === 'complete' ? expected.body.string : null,
        });
      }
    } finally {
      await apollo.stop();
    }
  });

  it(`serves ${QUERY_LIMITS.maxTokens} tokens and leaves ${QUERY_LIMITS.maxTokens + 1} to Apollo`, async () => {
    const armor = armorProtection();
    const apollo = await createApollo({ production: true, logger, armor, schema: testSchema });
    const lane = new PreparedOperations({ schema: testSchema, armor, logger });
    try {
      const context = () => ({}) as Context;
      // `{ count ( xs : [`, n numbers, `] ) }`: n + 9 tokens
      const list = (n: number) => ({ query: `{ count(xs: [${'1 '.repeat(n)}]) }` });
      const at = list(QUERY_LIMITS.maxTokens - 9);
      const over = list(QUERY_LIMITS.maxTokens - 8);
      for (const body of [at, over]) lane.serve(body, 'application/json', undefined, context);
      expect(await lane.serve(at, 'application/json', undefined, context)).toMatchObject({
        status: 200,
        body: `{"data":{"count":"${QUERY_LIMITS.maxTokens - 9}"}}\n`,
      });
      const accepted = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: 'POST',
          headers: new HeaderMap([['content-type', 'application/json']]),
          search: '',
          body: at,
        },
        context: async () => context(),
      });
      expect(accepted.body.kind === 'complete' && accepted.body.string).toBe(
        `{"data":{"count":"${QUERY_LIMITS.maxTokens - 9}"}}\n`,
      );
      expect(lane.serve(over, 'application/json', undefined, context)).toBeUndefined();
      const refused = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: 'POST',
          headers: new HeaderMap([['content-type', 'application/json']]),
          search: '',
          body: over,
        },
        context: async () => context(),
      });
      expect(refused.body.kind === 'complete' && refused.body.string).toMatch(/Token limit/);
    } finally {
      await apollo.stop();
    }
  });
});
