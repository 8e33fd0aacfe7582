// Every connection keeps the Relay contract it declares: first/after and last/before walk the
// same rows in the same order, pageInfo tells truly whether rows lie on either side of a page,
// totalCount counts what the filter and the viewer's scope let through, and `nodes` are the
// edges' nodes. On real claims and webhook deliveries, ties in the sort key included.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_TOTAL_COUNT } from '../services/keyset-cursor.js';
import { countUpTo } from '../services/keyset-window.js';
import { startTestApi, type TestApi, type TestStorefront } from '../test-support/harness.js';
import {
  ADDRESS,
  ALL_DOCUMENTS,
  FILE_CLAIM,
  memberSession,
  nextTrackingNumber,
  purchase,
  REGISTER_PACKAGE,
  recordEvent,
  uploadDocument,
} from '../test-support/operations.js';
import { idOf } from './global-id.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let api: TestApi;
let shop: TestStorefront;
let otherShop: TestStorefront;
/** The claims filed in `shop`, and the order whose guarantee has three of them. */
const filed: { id: string; memberId: string; dueAt: number | null }[] = [];
let threeClaims: string;
let purchases = 0;

/** Buys a guarantee for `packages` packages of one order, delivered before `filedAt`. */
async function deliveredOrder(store: TestStorefront, memberId: string, at: Date, packages = 1) {
  const bought = await api.at(new Date(at.getTime() - 2 * DAY), () =>
    purchase(api, store, { memberId, value: `${120 * packages}.00` }),
  );
  if (store === shop) purchases += 1;
  if (!bought.guarantee) throw new Error(JSON.stringify(bought.result.body));
  const trackingNumbers: string[] = [];
  for (let i = 0; i < packages; i += 1) {
    const trackingNumber = nextTrackingNumber();
    const registered = await api.gql<{ registerPackage: { package: { id: string } | null } }>(
      REGISTER_PACKAGE,
      {
        input: {
          orderNumber: bought.input.orderNumber,
          trackingNumber,
          declaredValue: { amount: '120.00', currencyCode: 'USD' },
          salePrice: { amount: '110.00', currencyCode: 'USD' },
          shippingFee: { amount: '20.00', currencyCode: 'USD' },
          estimatedWeightGrams: 1000,
          deliveryAddress: ADDRESS,
          memberCenterAddress: ADDRESS,
        },
      },
      store.secretKey,
    );
    if (!registered.body.data?.registerPackage.package)
      throw new Error(JSON.stringify(registered.body));
    await recordEvent(api, store, trackingNumber, 'DELIVERED', new Date(at.getTime() - HOUR), {
      signedBy: 'X',
    });
    trackingNumbers.push(trackingNumber);
  }
  return { guaranteeId: bought.guarantee.id, trackingNumbers };
}

/** Files a damage claim at `at`; with every document it is due 7 days later (POLICY R17). */
async function fileAt(
  store: TestStorefront,
  memberId: string,
  trackingNumber: string,
  at: Date,
  complete: boolean,
): Promise<string> {
  const session = await memberSession(api, store, memberId);
  const documentIds = complete
    ? await Promise.all(ALL_DOCUMENTS.map((kind) => uploadDocument(api, session, kind)))
    : [];
  const result = await api.at(at, () =>
    api.gql<{ fileClaim: { claim: { id: string } | null } }>(
      FILE_CLAIM,
      { input: { trackingNumber, type: 'DAMAGE', description: 'cracked', documentIds } },
      session,
    ),
  );
  const id = result.body.data?.fileClaim.claim?.id;
  if (!id) throw new Error(JSON.stringify(result.body));
  if (store === shop) {
    filed.push({ id, memberId, dueAt: complete ? at.getTime() + 7 * DAY : null });
  }
  return id;
}

beforeAll(async () => {
  api = await startTestApi();
  // Deliveries are written with each event; no dispatcher runs, so nothing is sent.
  shop = await api.createStorefront({ webhookUrl: 'http://127.0.0.1:9/hooks' });
  otherShop = await api.createStorefront();
  const start = api.clock.now.getTime();
  // Three claims due at one instant (overdue), two at another: ties the id must order.
  for (const [memberId, daysAgo] of [
    ['M-A', 9],
    ['M-B', 9],
    ['M-A', 9],
    ['M-B', 3],
    ['M-A', 3],
  ] as const) {
    const at = new Date(start - daysAgo * DAY);
    const order = await deliveredOrder(shop, memberId, at);
    await fileAt(shop, memberId, order.trackingNumbers[0] as string, at, true);
  }
  // One order of three packages, a claim on each, none with documents yet (no due date).
  const at = new Date(start - DAY);
  const order = await deliveredOrder(shop, 'M-C', at, 3);
  for (const trackingNumber of order.trackingNumbers) {
    await fileAt(shop, 'M-C', trackingNumber, at, false);
  }
  threeClaims = order.guaranteeId;
  const other = await deliveredOrder(otherShop, 'M-A', at);
  await fileAt(otherShop, 'M-A', other.trackingNumbers[0] as string, at, true);
}, 120_000);
afterAll(() => api?.close());

interface Connection {
  totalCount: number;
  edges: { cursor: string; node: { id: string } }[];
  nodes: { id: string }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

const CONNECTION = `fragment Page on ClaimConnection { totalCount edges { cursor node { id } } nodes { id }
  pageInfo { hasNextPage hasPreviousPage startCursor endCursor } }`;
const PAGE_VARIABLES = '$first: Int, $after: String, $last: Int, $before: String';
const PAGE_ARGUMENTS = 'first: $first, after: $after, last: $last, before: $before';

const QUERIES = {
  claims: `query(${PAGE_VARIABLES}, $filter: ClaimFilter) {
    connection: claims(${PAGE_ARGUMENTS}, filter: $filter) { ...Page } } ${CONNECTION}`,
  'Guarantee.claims': `query(${PAGE_VARIABLES}, $id: ID!) { guarantee(id: $id) {
    connection: claims(${PAGE_ARGUMENTS}) { ...Page } } } ${CONNECTION}`,
  webhookDeliveries: `query(${PAGE_VARIABLES}, $filter: WebhookDeliveryFilter) {
    connection: webhookDeliveries(${PAGE_ARGUMENTS}, filter: $filter) { ...Page } }
    ${CONNECTION.replace('on ClaimConnection', 'on WebhookDeliveryConnection')}`,
} as const;
type Name = keyof typeof QUERIES;

type Answer = { connection?: Connection; guarantee?: { connection: Connection } | null };

async function ask(
  name: Name,
  variables: Record<string, unknown>,
  credential: string = shop.secretKey,
) {
  const extra = name === 'Guarantee.claims' ? { id: threeClaims } : {};
  const result = await api.gql<Answer>(QUERIES[name], { ...extra, ...variables }, credential);
  const data = result.body.data;
  return {
    errors: result.body.errors,
    connection: data?.connection ?? data?.guarantee?.connection,
  };
}

async function page(name: Name, variables: Record<string, unknown>, credential?: string) {
  const { errors, connection } = await ask(name, variables, credential);
  if (!connection) throw new Error(JSON.stringify(errors));
  expect(connection.nodes.map((n) => n.id)).toEqual(connection.edges.map((e) => e.node.id));
  expect(connection.pageInfo.startCursor).toBe(connection.edges[0]?.cursor ?? null);
  expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1)?.cursor ?? null);
  return connection;
}

/**
 * Every page of a connection, `size` at a time, following its cursors to the end: forward
 * from the start with first/after, or backward from the end with last/before. Each page is
 * full but the last one read, and says there is a page behind it exactly when one was read.
 */
async function walk(
  name: Name,
  direction: 'forward' | 'backward',
  size: number,
  variables: Record<string, unknown> = {},
): Promise<string[]> {
  const pages: string[][] = [];
  let cursor: string | null = null;
  for (let step = 0; step < 100; step += 1) {
    const connection: Connection = await page(
      name,
      direction === 'forward'
        ? { ...variables, first: size, after: cursor }
        : { ...variables, last: size, before: cursor },
    );
    const ids = connection.edges.map((edge) => edge.node.id);
    const { hasNextPage, hasPreviousPage, startCursor, endCursor } = connection.pageInfo;
    if (direction === 'forward') {
      expect(hasPreviousPage).toBe(step > 0);
      pages.push(ids);
      if (!hasNextPage) return pages.flat();
      expect(ids).toHaveLength(size);
      cursor = endCursor;
    } else {
      expect(hasNextPage).toBe(step > 0);
      pages.unshift(ids);
      if (!hasPreviousPage) return pages.flat();
      expect(ids).toHaveLength(size);
      cursor = startCursor;
    }
  }
  throw new Error(`${name} did not end within 100 pages`);
}

/** The listing's order: due first, claims without a due date last, then the id (uuid order). */
function listingOrder(claims: typeof filed): string[] {
  const uuid = (id: string) => idOf('Claim', id) ?? '';
  return [...claims]
    .sort(
      (a, b) =>
        (a.dueAt ?? Number.POSITIVE_INFINITY) - (b.dueAt ?? Number.POSITIVE_INFINITY) ||
        (uuid(a.id) < uuid(b.id) ? -1 : 1),
    )
    .map((claim) => claim.id);
}

describe('backward paging (last/before)', () => {
  it('lists the claims in the listing order, ties on the due date ordered by id', async () => {
    const all = await page('claims', { first: 100 });
    expect(all.edges.map((e) => e.node.id)).toEqual(listingOrder(filed));
    expect(all.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  it.each([
    ['claims', 1],
    ['claims', 2],
    ['claims', 4],
    ['Guarantee.claims', 1],
    ['Guarantee.claims', 2],
    ['webhookDeliveries', 1],
    ['webhookDeliveries', 3],
  ] as const)(
    'walks %s forward and backward through the same rows in the same order, %i at a time',
    async (name, size) => {
      const all = (await page(name, { first: 100 })).edges.map((e) => e.node.id);
      expect(all.length).toBeGreaterThanOrEqual(3);
      expect(await walk(name, 'forward', size)).toEqual(all);
      expect(await walk(name, 'backward', size)).toEqual(all);
    },
  );

  it('walks a filtered listing both ways alike', async () => {
    const filter = { memberId: 'M-A' };
    const mine = listingOrder(filed.filter((c) => c.memberId === 'M-A'));
    expect(await walk('claims', 'forward', 2, { filter })).toEqual(mine);
    expect(await walk('claims', 'backward', 2, { filter })).toEqual(mine);
  });

  it('pages between two cursors in either direction, with rows on both sides', async () => {
    const all = await page('claims', { first: 100 });
    const ids = all.edges.map((e) => e.node.id);
    const after = all.edges[1]?.cursor;
    const before = all.edges[6]?.cursor;
    const forward = await page('claims', { first: 3, after, before });
    expect(forward.edges.map((e) => e.node.id)).toEqual(ids.slice(2, 5));
    expect(forward.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    const backward = await page('claims', { last: 3, after, before });
    expect(backward.edges.map((e) => e.node.id)).toEqual(ids.slice(3, 6));
    expect(backward.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    const whole = await page('claims', { last: 10, after, before });
    expect(whole.edges.map((e) => e.node.id)).toEqual(ids.slice(2, 6));
  });

  it('says hasPreviousPage only when a row of the listing lies at or before `after`', async () => {
    // The first claim's cursor, on a listing whose rows all come after it: nothing precedes.
    const first = (await page('claims', { first: 1 })).edges[0]?.cursor;
    const waiting = await page('claims', {
      first: 100,
      after: first,
      filter: { status: ['NEEDS_DOCUMENTS'] },
    });
    expect(waiting.edges).toHaveLength(3);
    expect(waiting.pageInfo.hasPreviousPage).toBe(false);
    // And the last claim's cursor, read backward on a listing that ends before it.
    const all = await page('claims', { first: 100 });
    const last = all.edges.at(-1)?.cursor;
    const due = await page('claims', {
      last: 100,
      before: last,
      filter: { status: ['UNDER_REVIEW'] },
    });
    expect(due.edges).toHaveLength(5);
    expect(due.pageInfo.hasNextPage).toBe(false);
  });

  it.each(Object.keys(QUERIES) as Name[])(
    'refuses first and last together on %s as BAD_USER_INPUT',
    async (name) => {
      const { errors } = await ask(name, { first: 2, last: 2 });
      expect(errors?.[0]).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT' },
        message:
          'first and last cannot be used together: page forward with first/after, backward with last/before',
      });
    },
  );

  it.each([
    [0, 'claims'],
    [101, 'claims'],
    [0, 'webhookDeliveries'],
    [101, 'Guarantee.claims'],
  ] as const)('refuses last: %i on %s with a clear error', async (last, name) => {
    const { errors } = await ask(name, { last });
    expect(errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: 'last must be 1 to 100',
    });
  });

  it('accepts last: 100 and refuses a forged before cursor as BAD_USER_INPUT', async () => {
    expect((await page('claims', { last: 100 })).edges).toHaveLength(filed.length);
    const { errors } = await ask('claims', { last: 2, before: 'not-a-cursor' });
    expect(errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: 'before is not a cursor this API issued',
    });
  });
});

describe('totalCount', () => {
  it("counts the claims the filter and the viewer's scope let through, whatever the page", async () => {
    const count = async (variables: Record<string, unknown>, credential?: string) =>
      (await page('claims', { first: 1, ...variables }, credential)).totalCount;
    expect(await count({})).toBe(filed.length);
    expect(await count({ last: 1, first: undefined })).toBe(filed.length);
    const after = (await page('claims', { first: 2 })).pageInfo.endCursor;
    expect(await count({ after })).toBe(filed.length);
    expect(await count({ filter: { memberId: 'M-B' } })).toBe(2);
    expect(await count({ filter: { overdue: true } })).toBe(3);
    expect(await count({ filter: { status: ['NEEDS_DOCUMENTS'] } })).toBe(3);
    expect(await count({}, await memberSession(api, shop, 'M-A'))).toBe(3);
    expect(await count({}, otherShop.secretKey)).toBe(1);
    expect(await count({}, api.operatorKey)).toBe(filed.length + 1);
  });

  it("counts a guarantee's claims the viewer may see", async () => {
    expect((await page('Guarantee.claims', { first: 1 })).totalCount).toBe(3);
    const owner = await memberSession(api, shop, 'M-C');
    expect((await page('Guarantee.claims', { last: 1 }, owner)).totalCount).toBe(3);
  });

  it('counts the webhook deliveries the filter lets through, for their storefront only', async () => {
    const all = await page('webhookDeliveries', { first: 100 });
    expect(all.totalCount).toBe(all.edges.length);
    const bought = await page('webhookDeliveries', {
      first: 1,
      filter: { eventType: 'guarantee.purchased' },
    });
    expect(bought.totalCount).toBe(purchases);
    expect(all.totalCount).toBeGreaterThan(purchases);
    expect((await page('webhookDeliveries', { first: 1 }, otherShop.secretKey)).totalCount).toBe(0);
  });

  it(`stops counting at ${MAX_TOTAL_COUNT}`, async () => {
    const db = api.server.app.db;
    expect(await countUpTo(db, sql`select generate_series(1, ${MAX_TOTAL_COUNT + 5})`)).toBe(
      MAX_TOTAL_COUNT,
    );
    expect(await countUpTo(db, sql`select generate_series(1, 42)`)).toBe(42);
  });
});
