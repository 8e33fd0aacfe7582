// Query.lossReport on a seeded month: every figure exact, each counted in the UTC month its
// own event happened in, per storefront, and each credential held to what it may see.
import { lossReportMonths } from '@lg/db';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitRange } from '../../services/reports/loss-report.js';
import { startTestApi, type TestApi, type TestStorefront } from '../../test-support/harness.js';
import {
  ALL_DOCUMENTS,
  CANCEL,
  DECIDE,
  FILE_CLAIM,
  guaranteedPackage,
  memberSession,
  PAYOUT,
  purchase,
  recordEvent,
  uploadDocument,
} from '../../test-support/operations.js';

let api: TestApi;
let shop: TestStorefront;
let otherShop: TestStorefront;
const at = (iso: string) => new Date(iso);

/** A delivered package of a guarantee bought at `bought`, with a damage claim filed at `filedAt`. */
async function damageClaim(
  store: TestStorefront,
  memberId: string,
  value: string,
  bought: string,
  delivered: string,
  filedAt: string,
): Promise<string> {
  const pkg = await api.at(at(bought), () =>
    guaranteedPackage(api, store, { memberId, salePrice: value, declaredValue: value }),
  );
  await recordEvent(api, store, pkg.trackingNumber, 'DELIVERED', at(delivered), {
    signedBy: 'J. Doe',
  });
  const session = await memberSession(api, store, memberId);
  const documentIds = await Promise.all(
    ALL_DOCUMENTS.map((kind) => uploadDocument(api, session, kind)),
  );
  const result = await api.at(at(filedAt), () =>
    api.gql<{ fileClaim: { claim: { id: string } | null } }>(
      FILE_CLAIM,
      {
        input: {
          trackingNumber: pkg.trackingNumber,
          type: 'DAMAGE',
          description: 'broken',
          documentIds,
        },
      },
      session,
    ),
  );
  const id = result.body.data?.fileClaim.claim?.id;
  if (!id) throw new Error(JSON.stringify(result.body));
  return id;
}

async function approve(claimId: string, amount: string, when: string) {
  const result = await api.at(at(when), () =>
    api.gql<{ decideClaim: { claim: unknown } }>(
      DECIDE,
      {
        input: {
          claimId,
          outcome: 'APPROVE',
          auditedAmount: { amount, currencyCode: 'USD' },
        },
      },
      api.operatorKey,
    ),
  );
  if (!result.body.data?.decideClaim.claim) throw new Error(JSON.stringify(result.body));
}

async function pay(claimId: string, when: string) {
  const result = await api.at(at(when), () =>
    api.gql<{ recordClaimPayout: { claim: unknown } }>(
      PAYOUT,
      { input: { claimId, reference: `PAY-${claimId.slice(-6)}` } },
      api.operatorKey,
    ),
  );
  if (!result.body.data?.recordClaimPayout.claim) throw new Error(JSON.stringify(result.body));
}

beforeAll(async () => {
  api = await startTestApi();
  shop = await api.createStorefront();
  otherShop = await api.createStorefront();

  // February's last half hour: outside March.
  await api.at(at('2026-02-28T23:30:00Z'), () => purchase(api, shop, { memberId: 'M-FEB' }));

  // March: four guarantees, fees $30.00 + $45.68 + $100.00 + $30.00 = $205.68 (R1).
  // A: approved after 24 h for $50.00 and paid in March.
  const a = await damageClaim(
    shop,
    'M-A',
    '120.00',
    '2026-03-02T10:00:00Z',
    '2026-03-05T09:00:00Z',
    '2026-03-05T10:00:00Z',
  );
  await approve(a, '50.00', '2026-03-06T10:00:00Z');
  await pay(a, '2026-03-07T10:00:00Z');
  // B: rejected after 240 h, past its due date (7 days after the documents, R17).
  const b = await damageClaim(
    shop,
    'M-B',
    '456.78',
    '2026-03-03T10:00:00Z',
    '2026-03-09T12:00:00Z',
    '2026-03-10T00:00:00Z',
  );
  await api.at(at('2026-03-20T00:00:00Z'), () =>
    api.gql(
      DECIDE,
      { input: { claimId: b, outcome: 'REJECT', reasonCodes: ['CONTENTS_UNDAMAGED'] } },
      api.operatorKey,
    ),
  );
  // C: approved after 36 h for $80.00, paid on 2 April: April's payout.
  const c = await damageClaim(
    shop,
    'M-C',
    '1000.00',
    '2026-03-20T10:00:00Z',
    '2026-03-25T00:00:00Z',
    '2026-03-25T01:00:00Z',
  );
  await approve(c, '80.00', '2026-03-26T13:00:00Z');
  await pay(c, '2026-04-02T00:00:00Z');
  // D: bought and cancelled before shipping (R2): its $30.00 fee is refunded.
  const d = await api.at(at('2026-03-15T10:00:00Z'), () =>
    purchase(api, shop, { memberId: 'M-D', value: '200.00' }),
  );
  await api.at(at('2026-03-16T10:00:00Z'), () =>
    api.gql(CANCEL, { input: { guaranteeId: d.guarantee?.id } }, shop.secretKey),
  );

  // The other storefront sells one guarantee in March.
  await api.at(at('2026-03-10T10:00:00Z'), () => purchase(api, otherShop, { memberId: 'M-X' }));
}, 180_000); // A month of business through the API: slow on a loaded machine.
afterAll(() => api.close());

const REPORT = `query($from: DateTime!, $to: DateTime!, $storefrontId: ID) {
  lossReport(from: $from, to: $to, storefrontId: $storefrontId) {
    month storefrontId currencyCode guaranteesSold fees { amount currencyCode } refunds { amount }
    claimsFiled claimsApproved claimsRejected payouts { amount } lossRatio
    medianHoursToDecision decidedWithinPromise } }`;

type Row = Record<string, unknown> & { month: string; storefrontId: string };

async function report(
  variables: Record<string, unknown>,
  credential = api.operatorKey,
): Promise<{ rows: Row[] | undefined; code: unknown }> {
  const result = await api.gql<{ lossReport: Row[] }>(REPORT, variables, credential);
  return {
    rows: result.body.data?.lossReport,
    code: result.body.errors?.[0]?.extensions?.code,
  };
}

describe('lossReport', () => {
  it("gives March's exact figures, and each later event in its own month", async () => {
    const { rows } = await report({
      from: '2026-02-01T00:00:00Z',
      to: '2026-05-01T00:00:00Z',
      storefrontId: shop.id,
    });
    expect(rows).toEqual([
      expect.objectContaining({
        month: '2026-02',
        guaranteesSold: 1,
        fees: { amount: '30.00', currencyCode: 'USD' },
        refunds: { amount: '0.00' },
        claimsFiled: 0,
        payouts: { amount: '0.00' },
        lossRatio: '0.0000',
        medianHoursToDecision: null,
        decidedWithinPromise: null,
      }),
      {
        month: '2026-03',
        storefrontId: shop.id,
        currencyCode: 'USD',
        guaranteesSold: 4,
        fees: { amount: '205.68', currencyCode: 'USD' },
        refunds: { amount: '30.00' },
        claimsFiled: 3,
        claimsApproved: 2,
        claimsRejected: 1,
        payouts: { amount: '50.00' },
        // 50.00 / (205.68 - 30.00) = 0.28461...
        lossRatio: '0.2846',
        // 24 h, 36 h and 240 h from filing to decision.
        medianHoursToDecision: 36,
        // A and C by their due dates, B three days late.
        decidedWithinPromise: '0.6667',
      },
      expect.objectContaining({
        month: '2026-04',
        guaranteesSold: 0,
        fees: { amount: '0.00', currencyCode: 'USD' },
        claimsFiled: 0,
        payouts: { amount: '80.00' },
        lossRatio: null,
      }),
    ]);
  });

  it('cuts months at from and to, half-open, in UTC', async () => {
    const { rows } = await report({
      from: '2026-02-28T23:30:00Z',
      to: '2026-03-05T10:00:00Z',
      storefrontId: shop.id,
    });
    expect(rows?.map((r) => [r.month, r.guaranteesSold, r.claimsFiled])).toEqual([
      ['2026-02', 1, 0],
      // A and B bought; A's filing at 10:00 is at `to`, so outside.
      ['2026-03', 2, 0],
    ]);
  });

  it('gives operators a row per storefront without storefrontId', async () => {
    const { rows } = await report({ from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' });
    expect(rows?.map((r) => [r.storefrontId, r.guaranteesSold]).sort()).toEqual(
      [
        [shop.id, 4],
        [otherShop.id, 1],
      ].sort(),
    );
  });

  it("holds a secret key to its own storefront and refuses another's id", async () => {
    const range = { from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' };
    const own = await report(range, otherShop.secretKey);
    expect(own.rows?.map((r) => [r.storefrontId, r.guaranteesSold])).toEqual([[otherShop.id, 1]]);
    const other = await report({ ...range, storefrontId: shop.id }, otherShop.secretKey);
    expect(other).toEqual({ rows: undefined, code: 'FORBIDDEN' });
  });

  it('refuses members, a reversed range, a span over 731 days and a bad id', async () => {
    const member = await memberSession(api, shop, 'M-A');
    const range = { from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' };
    expect((await report(range, member)).code).toBe('FORBIDDEN');
    expect((await report({ from: range.to, to: range.from })).code).toBe('BAD_USER_INPUT');
    expect((await report({ from: range.from, to: range.from })).code).toBe('BAD_USER_INPUT');
    expect((await report({ from: '2024-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' })).code).toBe(
      'BAD_USER_INPUT',
    );
    expect((await report({ ...range, storefrontId: 'nope' })).code).toBe('BAD_USER_INPUT');
  });
});

describe('lossReport keeps closed months', () => {
  const march = { from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' };
  const uuidOf = (globalId: string) => Buffer.from(globalId, 'base64').toString().split(':')[1];

  it('computes a closed month once, then reads what it kept', async () => {
    const first = await report({ ...march, storefrontId: shop.id });
    expect(first.rows?.[0]?.fees).toEqual({ amount: '205.68', currencyCode: 'USD' });
    const id = uuidOf(shop.id) ?? '';
    const kept = and(
      eq(lossReportMonths.storefrontId, id),
      eq(lossReportMonths.month, '2026-03-01'),
    );
    const db = api.server.app.db;
    // Change the kept figure: the next report shows it, so it read the kept row, not the claims.
    await db.update(lossReportMonths).set({ feesMinor: sql`fees_minor + 1` }).where(kept);
    try {
      const again = await report({ ...march, storefrontId: shop.id });
      expect(again.rows?.[0]?.fees).toEqual({ amount: '205.69', currencyCode: 'USD' });
    } finally {
      await db.update(lossReportMonths).set({ feesMinor: sql`fees_minor - 1` }).where(kept);
    }
  });

  it('counts the month still open live, every time', async () => {
    const now = new Date(api.clock.now);
    const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
    const range = { from: from.toISOString(), to: to.toISOString(), storefrontId: shop.id };
    const sold = async () => Number((await report(range)).rows?.[0]?.guaranteesSold ?? 0);
    const before = await sold();
    await purchase(api, shop, { memberId: 'M-NOW' });
    expect(await sold()).toBe(before + 1);
  });
});

describe('splitRange', () => {
  const day = (iso: string) => new Date(`${iso}Z`);

  it('keeps whole months once they ended an hour ago, and counts the rest live', () => {
    const split = splitRange(
      day('2026-01-15T00:00:00'),
      day('2026-04-10T00:00:00'),
      day('2026-04-05T00:00:00'),
    );
    expect(split.closed).toEqual([day('2026-02-01T00:00:00'), day('2026-03-01T00:00:00')]);
    expect(split.live).toEqual([
      { from: day('2026-01-15T00:00:00'), to: day('2026-02-01T00:00:00') },
      { from: day('2026-04-01T00:00:00'), to: day('2026-04-10T00:00:00') },
    ]);
  });

  it('keeps a month exactly an hour after it ended, not a millisecond sooner', () => {
    const range = [day('2026-03-01T00:00:00'), day('2026-04-01T00:00:00')] as const;
    expect(splitRange(...range, day('2026-04-01T01:00:00')).closed).toEqual([range[0]]);
    const early = splitRange(...range, new Date(day('2026-04-01T01:00:00').getTime() - 1));
    expect(early).toEqual({ closed: [], live: [{ from: range[0], to: range[1] }] });
  });

  it('counts a range inside one month live', () => {
    expect(
      splitRange(
        day('2026-03-03T00:00:00'),
        day('2026-03-09T00:00:00'),
        day('2027-01-01T00:00:00'),
      ),
    ).toEqual({
      closed: [],
      live: [{ from: day('2026-03-03T00:00:00'), to: day('2026-03-09T00:00:00') }],
    });
  });
});
