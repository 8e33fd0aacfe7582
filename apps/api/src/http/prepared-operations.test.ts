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
import { cases } from './prepared-operation-cases.js';
import {
  type Case,
  normalised,
  ORIGIN,
  policy,
  quote,
  send,
  usd,
  useCaseEnvironment,
  WIDGET_ACCEPT,
} from './prepared-operation-requests.js';
import { PreparedOperations } from './prepared-operations.js';
import { createHttpServer, type HttpServer } from './server.js';

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
  useCaseEnvironment({ api, shop, member, guaranteeId });
});
afterAll(async () => {
  await reference?.shutdown();
  await api?.close();
});

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
