// The month keeper (services/reports/month-keeper.ts) keeps the loss report's closed months
// before anyone asks: every storefront's, each once however many instances run it, and the
// report then reads what it kept.
import { lossReportClosedMonths, lossReportMonths } from '@lg/db';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../logger.js';
import { MonthKeeper } from '../../services/reports/month-keeper.js';
import { startTestApi, type TestApi, type TestStorefront } from '../../test-support/harness.js';
import { purchase } from '../../test-support/operations.js';

let api: TestApi;
let shop: TestStorefront;
let otherShop: TestStorefront;
let quietShop: TestStorefront;
const at = (iso: string) => new Date(iso);
const uuidOf = (globalId: string) => Buffer.from(globalId, 'base64').toString().split(':')[1] ?? '';
const logger = createLogger('silent');

beforeAll(async () => {
  api = await startTestApi();
  shop = await api.createStorefront();
  otherShop = await api.createStorefront();
  // Sells nothing: no month of it to keep.
  quietShop = await api.createStorefront();
  // shop sells in March and April 2026, otherShop in February and April.
  await api.at(at('2026-03-10T10:00:00Z'), () => purchase(api, shop, { memberId: 'M-1' }));
  await api.at(at('2026-03-31T23:30:00Z'), () => purchase(api, shop, { memberId: 'M-2' }));
  await api.at(at('2026-04-02T10:00:00Z'), () => purchase(api, shop, { memberId: 'M-3' }));
  await api.at(at('2026-02-10T10:00:00Z'), () => purchase(api, otherShop, { memberId: 'M-4' }));
  await api.at(at('2026-04-03T10:00:00Z'), () => purchase(api, otherShop, { memberId: 'M-5' }));
}, 120_000);
afterAll(() => api.close());

async function markers() {
  const db = api.server.app.db;
  return db
    .select({
      storefrontId: lossReportClosedMonths.storefrontId,
      month: lossReportClosedMonths.month,
    })
    .from(lossReportClosedMonths)
    .orderBy(asc(lossReportClosedMonths.month), asc(lossReportClosedMonths.storefrontId));
}

const keeper = (now: string) =>
  new MonthKeeper(api.server.app.db, logger, { clock: () => at(now), batchSize: 2 });

describe('the month keeper', () => {
  it('keeps no month that ended less than an hour ago', async () => {
    expect(await keeper('2026-03-01T00:59:59Z').runOnce()).toBe(0);
    expect(await markers()).toEqual([]);
    expect(await keeper('2026-03-01T01:00:00Z').runOnce()).toBe(1);
    // Only otherShop's February: shop's first sale is in March, still open at that time.
    expect(await markers()).toEqual([{ storefrontId: uuidOf(otherShop.id), month: '2026-02-01' }]);
  });

  it('on two instances at once, keeps every closed month of every storefront once', async () => {
    // 15 April: February and March are closed. Left to keep: shop's March, otherShop's March
    // (a month with no sale still gets its marker); batches of two, so several steps.
    const [a, b] = await Promise.all([
      keeper('2026-04-15T00:00:00Z').runOnce(),
      keeper('2026-04-15T00:00:00Z').runOnce(),
    ]);
    // Each storefront-month was counted by exactly one of them.
    expect(a + b).toBe(2);
    const ids = [uuidOf(shop.id), uuidOf(otherShop.id)].sort();
    expect(await markers()).toEqual([
      { storefrontId: uuidOf(otherShop.id), month: '2026-02-01' },
      ...ids.map((storefrontId) => ({ storefrontId, month: '2026-03-01' })),
    ]);
    expect((await markers()).some((marker) => marker.storefrontId === uuidOf(quietShop.id))).toBe(
      false,
    );
    const rows = await api.server.app.db
      .select({
        storefrontId: lossReportMonths.storefrontId,
        month: lossReportMonths.month,
        guaranteesSold: lossReportMonths.guaranteesSold,
      })
      .from(lossReportMonths)
      .orderBy(asc(lossReportMonths.month));
    expect(rows).toEqual([
      { storefrontId: uuidOf(otherShop.id), month: '2026-02-01', guaranteesSold: 1 },
      { storefrontId: uuidOf(shop.id), month: '2026-03-01', guaranteesSold: 2 },
    ]);
    // A second pass finds nothing left.
    expect(await keeper('2026-04-15T00:00:00Z').runOnce()).toBe(0);
  });

  it('runs at start and stops on request', async () => {
    const running = keeper('2026-05-01T01:00:00Z');
    running.start();
    // April is closed an hour after it ended: both shops' Aprils are kept without a request.
    await vi.waitFor(
      async () => expect((await markers()).filter((m) => m.month === '2026-04-01')).toHaveLength(2),
      { timeout: 60_000, interval: 50 },
    );
    await running.stop();
  });

  it('leaves the report to read what it kept', async () => {
    const id = uuidOf(shop.id);
    const kept = and(
      eq(lossReportMonths.storefrontId, id),
      eq(lossReportMonths.month, '2026-03-01'),
    );
    const db = api.server.app.db;
    // A changed kept figure shows in the report: it read the kept row, not the guarantees.
    await db
      .update(lossReportMonths)
      .set({ guaranteesSold: sql`guarantees_sold + 10` })
      .where(kept);
    const result = await api.gql<{ lossReport: { month: string; guaranteesSold: number }[] }>(
      `query($from: DateTime!, $to: DateTime!, $storefrontId: ID) {
        lossReport(from: $from, to: $to, storefrontId: $storefrontId) { month guaranteesSold } }`,
      { from: '2026-03-01T00:00:00Z', to: '2026-05-01T00:00:00Z', storefrontId: shop.id },
      api.operatorKey,
    );
    expect(result.body.data?.lossReport).toEqual([
      { month: '2026-03', guaranteesSold: 12 },
      { month: '2026-04', guaranteesSold: 1 },
    ]);
  });
});
