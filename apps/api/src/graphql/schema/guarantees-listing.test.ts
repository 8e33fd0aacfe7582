// Query.guarantees: a member center lists the member's own orders, claims or not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi, type TestStorefront } from '../../test-support/harness.js';
import { memberSession, purchase } from '../../test-support/operations.js';

let api: TestApi;
let shop: TestStorefront;
let otherShop: TestStorefront;

beforeAll(async () => {
  api = await startTestApi();
  shop = await api.createStorefront();
  otherShop = await api.createStorefront();
});
afterAll(() => api.close());

const LIST = `query($first: Int, $after: String) { guarantees(first: $first, after: $after) {
  totalCount edges { cursor node { id orderNumber memberId purchasedAt } } pageInfo { hasNextPage endCursor } } }`;

interface Listing {
  guarantees: {
    totalCount: number;
    edges: {
      cursor: string;
      node: { id: string; orderNumber: string; memberId: string; purchasedAt: string };
    }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

describe('guarantees', () => {
  it("lists a member's own guarantees only, newest first, paged", async () => {
    const mine = [];
    for (let i = 0; i < 3; i++)
      mine.push((await purchase(api, shop, { memberId: 'M-LIST' })).guarantee);
    await purchase(api, shop, { memberId: 'M-OTHER' });
    await purchase(api, otherShop, { memberId: 'M-LIST' });
    const token = await memberSession(api, shop, 'M-LIST');

    const first = await api.gql<Listing>(LIST, { first: 2 }, token);
    expect(first.body.errors).toBeUndefined();
    const page1 = first.body.data!.guarantees;
    expect(page1.totalCount).toBe(3);
    expect(page1.edges).toHaveLength(2);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await api.gql<Listing>(
      LIST,
      { first: 2, after: page1.pageInfo.endCursor },
      token,
    );
    const page2 = second.body.data!.guarantees;
    expect(page2.pageInfo.hasNextPage).toBe(false);
    const listed = [...page1.edges, ...page2.edges].map((e) => e.node);
    // Every one of the member's orders once, none of anyone else's.
    expect(listed.map((g) => g.orderNumber).sort()).toEqual(mine.map((g) => g?.orderNumber).sort());
    const times = listed.map((g) => Date.parse(g.purchasedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("lists a storefront's guarantees for its secret key, and nothing without a credential", async () => {
    const own = await api.gql<Listing>(LIST, { first: 100 }, otherShop.secretKey);
    const orders = own.body.data!.guarantees.edges.map((e) => e.node.memberId);
    expect(orders).toEqual(['M-LIST']);
    const anonymous = await api.gql<Listing>(LIST, { first: 1 });
    expect(anonymous.body.data?.guarantees ?? null).toBeNull();
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBeDefined();
  });

  it('refuses a malformed cursor as bad input', async () => {
    const token = await memberSession(api, shop, 'M-LIST');
    const bad = await api.gql<Listing>(LIST, { first: 1, after: 'nope' }, token);
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
