// Guarantee.claims under a claims listing: batched per page asked for (no statement per
// parent), each guarantee paged on its own, and cursors a client forged refused as input errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi, type TestStorefront } from '../../test-support/harness.js';
import {
  ADDRESS,
  FILE_CLAIM,
  guaranteedPackage,
  memberSession,
  nextTrackingNumber,
  REGISTER_PACKAGE,
  recordEvent,
} from '../../test-support/operations.js';

const HOUR = 3_600_000;
let api: TestApi;
let shop: TestStorefront;
/** Guarantee id → its claims' ids. One guarantee has two packages, so two claims. */
const claimsOf = new Map<string, string[]>();
let twoClaims: string;

async function fileDamage(memberId: string, trackingNumber: string): Promise<string> {
  await recordEvent(
    api,
    shop,
    trackingNumber,
    'DELIVERED',
    new Date(api.clock.now.getTime() - HOUR),
    {
      signedBy: 'X',
    },
  );
  const session = await memberSession(api, shop, memberId);
  const result = await api.gql<{ fileClaim: { claim: { id: string } | null } }>(
    FILE_CLAIM,
    { input: { trackingNumber, type: 'DAMAGE', description: 'cracked' } },
    session,
  );
  const id = result.body.data?.fileClaim.claim?.id;
  if (!id) throw new Error(JSON.stringify(result.body));
  return id;
}

beforeAll(async () => {
  api = await startTestApi();
  shop = await api.createStorefront();
  for (let i = 0; i < 5; i += 1) {
    const memberId = `M-GC${i}`;
    const pkg = await api.at(new Date(api.clock.now.getTime() - 2 * 24 * HOUR), () =>
      guaranteedPackage(api, shop, { memberId, salePrice: '100.00' }),
    );
    const ids = [await fileDamage(memberId, pkg.trackingNumber)];
    if (i === 0) {
      // A second package of the same order (120.00 guaranteed: 100 + 20 sale prices).
      const trackingNumber = nextTrackingNumber();
      const second = await api.gql<{ registerPackage: { package: { id: string } | null } }>(
        REGISTER_PACKAGE,
        {
          input: {
            orderNumber: pkg.orderNumber,
            trackingNumber,
            declaredValue: { amount: '20.00', currencyCode: 'USD' },
            salePrice: { amount: '20.00', currencyCode: 'USD' },
            shippingFee: { amount: '5.00', currencyCode: 'USD' },
            estimatedWeightGrams: 500,
            deliveryAddress: ADDRESS,
            memberCenterAddress: ADDRESS,
          },
        },
        shop.secretKey,
      );
      if (!second.body.data?.registerPackage.package) throw new Error(JSON.stringify(second.body));
      ids.push(await fileDamage(memberId, trackingNumber));
      twoClaims = pkg.guarantee.id;
    }
    claimsOf.set(pkg.guarantee.id, ids);
  }
});
afterAll(() => api?.close());

type Nested = {
  claims: {
    edges: {
      node: {
        id: string;
        guarantee: {
          id: string;
          claims: {
            edges: { cursor: string; node: { id: string } }[];
            pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
          };
        };
      };
    }[];
  };
};

const NESTED = `query($first: Int!, $inner: Int!, $after: String) { claims(first: $first) { edges { node {
  id guarantee { id claims(first: $inner, after: $after) {
    edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } } } } } }`;

describe('Guarantee.claims', () => {
  it('costs the same number of SQL statements for 1 claim as for every claim of the listing (no N+1)', async () => {
    const statements = async (first: number) => {
      const before = api.queries.length;
      const result = await api.gql<Nested>(NESTED, { first, inner: 5 }, api.operatorKey);
      expect(result.body.errors).toBeUndefined();
      expect(result.body.data?.claims.edges).toHaveLength(first);
      return api.queries.length - before;
    };
    await statements(1); // the operator key is looked up once, then cached
    const one = await statements(1);
    const all = await statements(6);
    expect(all).toBe(one);
    // The listing, the guarantees, and one statement for every guarantee's claims.
    expect(all).toBeLessThanOrEqual(3);
  });

  it("lists each guarantee's own claims in the listing's order, paged per guarantee", async () => {
    const result = await api.gql<Nested>(NESTED, { first: 6, inner: 5 }, api.operatorKey);
    for (const { node } of result.body.data?.claims.edges ?? []) {
      const expected = claimsOf.get(node.guarantee.id);
      expect(node.guarantee.claims.edges.map((e) => e.node.id).sort()).toEqual(
        [...(expected ?? [])].sort(),
      );
      expect(node.guarantee.claims.pageInfo.hasNextPage).toBe(false);
    }

    const single = await api.gql<Nested>(NESTED, { first: 6, inner: 1 }, api.operatorKey);
    const parents = single.body.data?.claims.edges.map((e) => e.node.guarantee) ?? [];
    const both = parents.find((g) => g.id === twoClaims);
    expect(both?.claims.edges).toHaveLength(1);
    expect(both?.claims.pageInfo.hasNextPage).toBe(true);
    for (const other of parents.filter((g) => g.id !== twoClaims)) {
      expect(other.claims.pageInfo.hasNextPage).toBe(false);
    }

    // The next page of that guarantee, after its first claim.
    const next = await api.gql<Nested>(
      NESTED,
      { first: 6, inner: 5, after: both?.claims.pageInfo.endCursor },
      api.operatorKey,
    );
    const rest = next.body.data?.claims.edges.find((e) => e.node.guarantee.id === twoClaims)?.node
      .guarantee.claims;
    expect(rest?.pageInfo.hasPreviousPage).toBe(true);
    expect(
      [both?.claims.edges[0]?.node.id, ...(rest?.edges.map((e) => e.node.id) ?? [])].sort(),
    ).toEqual([...(claimsOf.get(twoClaims) ?? [])].sort());
  });

  it("shows a member only the member's own guarantee's claims", async () => {
    const session = await memberSession(api, shop, 'M-GC1');
    const result = await api.gql<Nested>(NESTED, { first: 10, inner: 5 }, session);
    const edges = result.body.data?.claims.edges ?? [];
    expect(edges).toHaveLength(1);
    expect(edges[0]?.node.guarantee.claims.edges.map((e) => e.node.id)).toEqual([
      edges[0]?.node.id,
    ]);
  });
});

describe('a forged cursor', () => {
  /** A cursor whose key is written as given: digits a JS number could not hold included. */
  const forgedKey = (key: string) =>
    Buffer.from(`[${key},"0b7c9a6e-3f1d-4c55-9a1e-2d4f6b8c0e12"]`).toString('base64url');
  const forged = (key: number) => forgedKey(String(key));
  const LISTING = `query($after: String) { claims(first: 5, after: $after) { edges { node { id } } } }`;

  it.each([
    ['the listing', LISTING],
    ['Guarantee.claims', NESTED],
  ])(
    'with key 12345678901234567890 is BAD_USER_INPUT on %s, not an internal error',
    async (_name, query) => {
      const result = await api.gql(
        query,
        { first: 1, inner: 1, after: forgedKey('12345678901234567890') },
        api.operatorKey,
      );
      expect(result.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.body.errors?.[0]?.message).toBe('after is not a cursor this API issued');
    },
  );

  it('with the first and the last key a cursor may hold is a page (the database reads both)', async () => {
    const first = await api.gql<{ claims: { edges: unknown[] } }>(
      LISTING,
      { after: forged(Date.parse('0001-01-01T00:00:00.000Z')) },
      api.operatorKey,
    );
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data?.claims.edges).toHaveLength(5);
    const last = await api.gql<{ claims: { edges: unknown[] } }>(
      LISTING,
      { after: forged(Date.parse('9999-12-31T23:59:59.999Z')) },
      api.operatorKey,
    );
    expect(last.body.errors).toBeUndefined();
    // Every claim here waits for documents (no due date): they sort after any instant.
    expect(last.body.data?.claims.edges).toHaveLength(5);
  });
});
