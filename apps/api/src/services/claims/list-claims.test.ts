import { POLICY_2026_11 } from '@lg/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi, type TestStorefront } from '../../test-support/harness.js';
import {
  ALL_DOCUMENTS,
  DECIDE,
  FILE_CLAIM,
  guaranteedPackage,
  memberSession,
  recordEvent,
  uploadDocument,
} from '../../test-support/operations.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let api: TestApi;
let shop: TestStorefront;
let otherShop: TestStorefront;
let start: Date;
const filed: { id: string; memberId: string; orderNumber: string; filedAt: Date }[] = [];

/** Files a complete damage claim at `filedAt` (documents complete then: due 7 days later). */
async function fileAt(store: TestStorefront, memberId: string, filedAt: Date, complete = true) {
  const pkg = await api.at(new Date(filedAt.getTime() - 2 * DAY), () =>
    guaranteedPackage(api, store, { memberId }),
  );
  await recordEvent(
    api,
    store,
    pkg.trackingNumber,
    'DELIVERED',
    new Date(filedAt.getTime() - HOUR),
    { signedBy: 'X' },
  );
  const session = await memberSession(api, store, memberId);
  const documentIds = complete
    ? await Promise.all(ALL_DOCUMENTS.map((k) => uploadDocument(api, session, k)))
    : [];
  const result = await api.at(filedAt, () =>
    api.gql<{ fileClaim: { claim: { id: string } | null } }>(
      FILE_CLAIM,
      {
        input: {
          trackingNumber: pkg.trackingNumber,
          type: 'DAMAGE',
          description: 'cracked',
          documentIds,
        },
      },
      session,
    ),
  );
  const id = result.body.data?.fileClaim.claim?.id;
  if (!id) throw new Error(JSON.stringify(result.body));
  return {
    id,
    memberId,
    orderNumber: pkg.orderNumber,
    filedAt,
    session,
    trackingNumber: pkg.trackingNumber,
  };
}

beforeAll(async () => {
  api = await startTestApi();
  shop = await api.createStorefront();
  otherShop = await api.createStorefront();
  start = new Date(api.clock.now);
  // Filed 10, 8, 6 ... days ago: the oldest are overdue (due 7 days after filing).
  for (let i = 0; i < 6; i += 1) {
    filed.push(await fileAt(shop, `M-L${i % 2}`, new Date(start.getTime() - (10 - 2 * i) * DAY)));
  }
  filed.push(await fileAt(shop, 'M-L0', new Date(start.getTime() - DAY), false));
  await fileAt(otherShop, 'M-L0', new Date(start.getTime() - DAY));
});
afterAll(() => api.close());

type Page = {
  claims: {
    edges: { cursor: string; node: { id: string; dueAt: string | null; overdue: boolean } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string };
  };
};
const LIST = `query($first: Int, $after: String, $filter: ClaimFilter) { claims(first: $first, after: $after, filter: $filter) {
  edges { cursor node { id dueAt overdue } } pageInfo { hasNextPage endCursor } } }`;

describe('claims connection', () => {
  it('orders adjusters by due time, overdue first, claims without documents last', async () => {
    const result = await api.gql<Page>(
      LIST,
      { first: 100, filter: { memberId: undefined } },
      shop.secretKey,
    );
    const ids = result.body.data?.claims.edges.map((e) => e.node.id);
    expect(ids).toEqual(filed.map((c) => c.id));
    const overdue = result.body.data?.claims.edges.map((e) => e.node.overdue);
    expect(overdue).toEqual([true, true, false, false, false, false, false]);
  });

  it('pages with first/after without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: { body: { data?: Page | null } } = await api.gql<Page>(
        LIST,
        { first: 2, after },
        shop.secretKey,
      );
      const claims: Page['claims'] | undefined = page.body.data?.claims;
      seen.push(...(claims?.edges.map((e) => e.node.id) ?? []));
      if (!claims?.pageInfo.hasNextPage) break;
      after = claims.pageInfo.endCursor;
    }
    expect(seen).toEqual(filed.map((c) => c.id));
  });

  it('filters by overdue, status, member and order number', async () => {
    const overdue = await api.gql<Page>(LIST, { filter: { overdue: true } }, shop.secretKey);
    expect(overdue.body.data?.claims.edges.map((e) => e.node.id)).toEqual(
      filed.slice(0, 2).map((c) => c.id),
    );
    const waiting = await api.gql<Page>(
      LIST,
      { filter: { status: ['NEEDS_DOCUMENTS'] } },
      shop.secretKey,
    );
    expect(waiting.body.data?.claims.edges.map((e) => e.node.id)).toEqual([filed[6]?.id]);
    const member = await api.gql<Page>(LIST, { filter: { memberId: 'M-L1' } }, shop.secretKey);
    expect(member.body.data?.claims.edges).toHaveLength(3);
    const order = await api.gql<Page>(
      LIST,
      { filter: { orderNumber: filed[3]?.orderNumber } },
      shop.secretKey,
    );
    expect(order.body.data?.claims.edges.map((e) => e.node.id)).toEqual([filed[3]?.id]);
  });

  it('shows members their own claims, storefronts theirs, operators all', async () => {
    const member = await memberSession(api, shop, 'M-L1');
    const mine = await api.gql<Page>(LIST, { first: 100 }, member);
    expect(mine.body.data?.claims.edges).toHaveLength(3);
    const all = await api.gql<Page>(LIST, { first: 100 }, api.operatorKey);
    expect(all.body.data?.claims.edges).toHaveLength(8);
    const other = await api.gql<Page>(LIST, { first: 100 }, otherShop.secretKey);
    expect(other.body.data?.claims.edges).toHaveLength(1);
  });

  it.each([[0], [101]])('refuses first: %i with a clear error', async (first) => {
    const result = await api.gql(LIST, { first }, shop.secretKey);
    expect(result.body.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: 'first must be 1 to 100',
    });
  });

  it('refuses a forged cursor as BAD_USER_INPUT', async () => {
    const result = await api.gql(LIST, { after: 'not-a-cursor' }, shop.secretKey);
    expect(result.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('costs a bounded number of SQL statements whatever the page size (no N+1)', async () => {
    const DEEP = `query($first: Int) { claims(first: $first) { edges { node {
      id reference missingDocuments
      package { trackingNumber maxCompensation { amount } }
      guarantee { orderNumber packages { id } }
      documents { kind url } timeline { status actor } } } } }`;
    const count = async (first: number) => {
      const before = api.queries.length;
      const result = await api.gql(DEEP, { first }, api.operatorKey);
      expect(result.body.errors).toBeUndefined();
      return api.queries.length - before;
    };
    const small = await count(1);
    const large = await count(50);
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(8);
  });
});

describe('policy versions', () => {
  it('decides a claim under the policy version its guarantee was bought with, after a new one is published', async () => {
    const before = await fileAt(shop, 'M-PV', new Date(start.getTime() - HOUR));
    const published = await api.server.app.policies.publish({
      ...POLICY_2026_11,
      version: '2027-01',
      damageProductCapMinor: 20_000,
    });
    expect(published.ok).toBe(true);
    const after = await fileAt(shop, 'M-PV2', new Date(start.getTime() - HOUR));
    const policy = await api.gql<{
      policy: { version: string; damageProductCap: { amount: string } };
    }>('{ policy { version damageProductCap { amount } } }');
    expect(policy.body.data?.policy).toEqual({
      version: '2027-01',
      damageProductCap: { amount: '200.00' },
    });

    const approve = (claimId: string) =>
      api.gql<{ decideClaim: { claim: { decision: { payable: { amount: string } } } } }>(
        DECIDE,
        {
          input: {
            claimId,
            outcome: 'APPROVE',
            auditedAmount: { amount: '500.00', currencyCode: 'USD' },
          },
        },
        api.operatorKey,
      );
    // Shipping 20.00: 2026-11 pays at most 30% x 20 + 100 = 106; 2027-01 allows 30% x 20 + 200 = 206,
    // both below the R5 amount of 110 + 20 = 130.
    expect((await approve(before.id)).body.data?.decideClaim.claim.decision.payable.amount).toBe(
      '106.00',
    );
    expect((await approve(after.id)).body.data?.decideClaim.claim.decision.payable.amount).toBe(
      '130.00',
    );
  });
});

describe('claims filter by type and storefront (the adjusters console)', () => {
  it('narrows to claim types and, for operators, to one storefront', async () => {
    const thirdShop = await api.createStorefront();
    const damage = await fileAt(thirdShop, 'M-T1', new Date(start.getTime() - 2 * DAY));
    const pkg = await api.at(new Date(start.getTime() - 3 * DAY), () =>
      guaranteedPackage(api, thirdShop, { memberId: 'M-T2' }),
    );
    await recordEvent(api, thirdShop, pkg.trackingNumber, 'LOST', new Date(start.getTime() - DAY));
    const session = await memberSession(api, thirdShop, 'M-T2');
    const lost = await api.gql<{ fileClaim: { claim: { id: string } | null } }>(
      FILE_CLAIM,
      { input: { trackingNumber: pkg.trackingNumber, type: 'LOSS', description: 'gone' } },
      session,
    );
    const lossId = lost.body.data?.fileClaim.claim?.id;
    expect(lossId).toBeTruthy();

    const ids = async (filter: Record<string, unknown>, credential = api.operatorKey) => {
      const result = await api.gql<Page>(LIST, { first: 100, filter }, credential);
      return result.body.data?.claims.edges.map((e) => e.node.id).sort();
    };
    expect(await ids({ storefrontId: thirdShop.id })).toEqual([damage.id, lossId].sort());
    expect(await ids({ storefrontId: thirdShop.id, type: ['LOSS'] })).toEqual([lossId]);
    expect(await ids({ storefrontId: thirdShop.id, type: ['DAMAGE', 'PARTIAL_LOSS'] })).toEqual([
      damage.id,
    ]);
    // Every LOSS claim the operator sees is the third storefront's one.
    expect(await ids({ type: ['LOSS'] })).toEqual([lossId]);
    // A storefront's key stays in its own claims whatever storefrontId it names.
    expect(await ids({ storefrontId: thirdShop.id }, shop.secretKey)).toEqual([]);
    const bad = await api.gql(LIST, { filter: { storefrontId: 'nope' } }, api.operatorKey);
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
