// The cost bound counts `first` the same whether it is written literally or passed as a
// variable (or left out: the default page size), in Apollo and in the prepared-operations lane.
import type { AddressInfo } from 'node:net';
import { getOperationAST, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../graphql/schema/index.js';
import { DEFAULT_PAGE_SIZE } from '../services/keyset-cursor.js';
import { startTestApi, type TestApi } from '../test-support/harness.js';
import { QUERY_LIMITS } from './limits.js';
import { planOperationCost } from './query-cost.js';
import { createHttpServer, type HttpServer } from './server.js';

function costOf(query: string, variables?: Record<string, unknown>): number {
  const document = parse(query);
  const operation = getOperationAST(document);
  if (!operation) throw new Error('no operation');
  return planOperationCost(schema, document, operation).cost(variables);
}

/** The nested listing of the report: every claim's guarantee's claims, under `aliases` aliases. */
function nested(aliases: number, first: (level: number) => string): string {
  const one = (i: number) =>
    `a${i}: claims${first(0)} { edges { node { guarantee { claims${first(1)} { edges { node { id } } } } } } }`;
  return Array.from({ length: aliases }, (_, i) => one(i)).join(' ');
}
const literal = (n: number) => `{ ${nested(30, () => `(first: ${n})`)} }`;
const variable = `query($n: Int) { ${nested(30, () => '(first: $n)')} }`;

describe('planOperationCost', () => {
  it('counts a variable `first` as its value, exactly as the same literal', () => {
    for (const n of [1, 7, 20, 100]) {
      expect(costOf(variable, { n })).toBe(costOf(literal(n)));
    }
  });

  it('counts a left-out `first`, or a variable without a value, as the default page size', () => {
    const none = `{ ${nested(30, () => '')} }`;
    expect(costOf(none)).toBe(costOf(literal(DEFAULT_PAGE_SIZE)));
    expect(costOf(variable, {})).toBe(costOf(literal(DEFAULT_PAGE_SIZE)));
    expect(costOf(variable, { n: null })).toBe(costOf(literal(DEFAULT_PAGE_SIZE)));
    expect(costOf(`{ ${nested(30, () => '(first: null)')} }`)).toBe(
      costOf(literal(DEFAULT_PAGE_SIZE)),
    );
  });

  it("uses a variable's default when the request gives no value", () => {
    const withDefault = `query($n: Int = 9) { ${nested(30, () => '(first: $n)')} }`;
    expect(costOf(withDefault)).toBe(costOf(literal(9)));
    expect(costOf(withDefault, { n: 3 })).toBe(costOf(literal(3)));
  });

  it('counts each connection by its own variable', () => {
    const two = `query($outer: Int!, $inner: Int!) { ${nested(1, (level) => (level === 0 ? '(first: $outer)' : '(first: $inner)'))} }`;
    const mixed = `{ ${nested(1, (level) => (level === 0 ? '(first: 3)' : '(first: 40)'))} }`;
    expect(costOf(two, { outer: 3, inner: 40 })).toBe(costOf(mixed));
  });

  it('counts `last` like `first` (the larger of both)', () => {
    expect(costOf('{ claims(last: 50) { edges { cursor } } }')).toBe(
      costOf('{ claims(first: 50) { edges { cursor } } }'),
    );
    expect(
      costOf('query($l: Int) { claims(first: 2, last: $l) { edges { cursor } } }', { l: 70 }),
    ).toBe(costOf('{ claims(first: 70) { edges { cursor } } }'));
  });

  it('costs a query written with fragments what it costs written inline', () => {
    const inline = `query($n: Int) { claims(first: $n) { edges { node { id guarantee { orderNumber claims(first: $n) { edges { node { id } } } } } } } }`;
    const fragments = `query($n: Int) { claims(first: $n) { edges { node { ...C } } } }
      fragment C on Claim { id guarantee { ...G } }
      fragment G on Guarantee { orderNumber ... on Guarantee { claims(first: $n) { edges { node { id } } } } }`;
    expect(costOf(fragments, { n: 30 })).toBe(costOf(inline, { n: 30 }));
  });

  it('plans a fragment spread twice at every level once, and finds it over the bound', () => {
    // 60 levels of "spread the next fragment twice": 2^60 selections, planned in linear time.
    const levels = 60;
    const definitions = Array.from(
      { length: levels },
      (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    );
    const query = `query($n: Int) { ...F0 }\n${definitions.join('\n')}
      fragment F${levels} on Query { claims(first: $n) { edges { cursor } } }`;
    expect(costOf(query, { n: 1 })).toBeGreaterThan(QUERY_LIMITS.maxCost);
  });

  it('costs introspection nothing', () => {
    expect(costOf('{ __schema { types { name fields { name } } } }')).toBe(0);
  });
});

describe('the cost bound over HTTP', () => {
  let api: TestApi;
  let reference: HttpServer;
  let referenceUrl: string;

  beforeAll(async () => {
    api = await startTestApi();
    reference = await createHttpServer(api.server.app, { preparedOperations: false });
    await new Promise<void>((resolve) => reference.server.listen(0, '127.0.0.1', resolve));
    referenceUrl = `http://127.0.0.1:${(reference.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await reference?.shutdown();
    await api?.close();
  });

  async function post(url: string, query: string, variables?: Record<string, unknown>) {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${api.operatorKey}`,
      },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    const body = JSON.parse(text);
    return {
      status: response.status,
      text,
      refused: body.data === undefined && Array.isArray(body.errors),
      body,
    };
  }

  /** The answer of the API with the lane (sent twice: a document is served from its second sight) and without. */
  async function decide(query: string, variables?: Record<string, unknown>) {
    const lane = api.server.http.prepared;
    if (!lane) throw new Error('the lane is off');
    await post(api.url, query, variables);
    const before = lane.stats.served;
    const laned = await post(api.url, query, variables);
    const apollo = await post(referenceUrl, query, variables);
    expect(laned.status).toBe(apollo.status);
    expect(laned.text).toBe(apollo.text);
    return { ...apollo, servedByLane: lane.stats.served > before };
  }

  it('refuses the 30-alias nested listing at the same `first` whether literal or variable, on both paths', async () => {
    // The largest literal `first` accepted: found over HTTP, not from the formula.
    let bound = 1;
    while (bound < 100 && !(await post(referenceUrl, literal(bound + 1))).refused) bound += 1;
    expect(bound).toBeGreaterThan(1);
    expect(bound).toBeLessThan(100);

    const atLiteral = await decide(literal(bound));
    const atVariable = await decide(variable, { n: bound });
    expect([atLiteral.refused, atVariable.refused]).toEqual([false, false]);
    expect(atVariable.servedByLane).toBe(true);

    const overLiteral = await decide(literal(bound + 1));
    const overVariable = await decide(variable, { n: bound + 1 });
    expect([overLiteral.refused, overVariable.refused]).toEqual([true, true]);
    for (const over of [overLiteral, overVariable]) {
      expect(over.refused).toBe(true);
      expect(over.servedByLane).toBe(false);
      expect(over.status).toBe(400);
      expect(over.body.errors).toHaveLength(1);
      expect(over.body.errors[0]).toMatchObject({
        message: expect.stringMatching(/^Query cost limit of 50000 exceeded, found \d+\.$/),
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      });
    }
  });

  it('answers over-cost as it answers over-depth: 400, GRAPHQL_VALIDATION_FAILED, no data', async () => {
    let deep = 'id';
    for (let level = 0; level < 4; level += 1)
      deep = `claims(first: 1) { edges { node { guarantee { ${deep} } } } }`;
    const overDepth = await post(referenceUrl, `{ ${deep} }`);
    const overCost = await post(referenceUrl, variable, { n: 100 });
    expect(overDepth.refused).toBe(true);
    expect(overCost.status).toBe(overDepth.status);
    expect(Object.keys(overCost.body)).toEqual(Object.keys(overDepth.body));
    expect(overCost.body.errors[0].extensions).toEqual(overDepth.body.errors[0].extensions);
  });

  it('counts a left-out `first` as the default page size', async () => {
    const none = `{ ${nested(30, () => '')} }`;
    const atDefault = await decide(literal(DEFAULT_PAGE_SIZE));
    expect(atDefault.refused).toBe(true);
    const left = await decide(none);
    expect(left.refused).toBe(true);
    expect(left.body).toEqual(atDefault.body);
  });

  it('keeps serving ordinary listings', async () => {
    const listing = `query($first: Int!) { claims(first: $first) { edges { cursor node { id reference type status dueAt overdue package { trackingNumber } guarantee { orderNumber } } } pageInfo { hasNextPage endCursor } } }`;
    const result = await decide(listing, { first: 100 });
    expect(result.refused).toBe(false);
    expect(result.servedByLane).toBe(true);
  });
});
