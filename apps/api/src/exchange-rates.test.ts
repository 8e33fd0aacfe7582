// The exchange-rate store of one process: what it holds must follow the table, whatever the
// timing of reads, notifications and publications (exchange-rates.ts).
import { randomUUID } from 'node:crypto';
import { exchangeRates } from '@lg/db';
import type { Database } from '@lg/db/client';
import { POLICY_2026_11 } from '@lg/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExchangeRateStore } from './exchange-rates.js';
import { createTestDatabase, type TestDatabase } from './test-support/database.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.dispose());

/** A rate written straight into the table: another process published it, no NOTIFY seen. */
async function writtenElsewhere(currency: string, perUsd: string, asOf = new Date()) {
  await database.handle.db.insert(exchangeRates).values({
    id: randomUUID(),
    currency,
    perUsd,
    asOf,
    source: 'elsewhere',
    publishedBy: 'test',
  });
}

describe('ExchangeRateStore', () => {
  it('reads once more when asked during a read that may have started before the commit', async () => {
    // A table whose reads answer when the test says: the first read is under way (and saw
    // nothing) when a notification asks for another.
    type Row = { currency: string; perUsd: string; asOf: Date; source: string };
    const answers: ((rows: Row[]) => void)[] = [];
    const table = {
      selectDistinctOn: () => ({
        from: () => ({
          orderBy: () => new Promise<Row[]>((resolve) => answers.push(resolve)),
        }),
      }),
    } as unknown as Database;
    const opening = ExchangeRateStore.open(table, 72);
    answers.shift()?.([]);
    const store = await opening;

    const underWay = store.reload();
    const notified = store.reload();
    expect(answers).toHaveLength(1);
    answers.shift()?.([]);
    await underWay;
    // The notified reload reads again after the one under way.
    await new Promise((resolve) => setImmediate(resolve));
    expect(answers).toHaveLength(1);
    answers.shift()?.([
      { currency: 'SEK', perUsd: '10.5000000000', asOf: new Date(), source: 'x' },
    ]);
    await notified;
    expect(store.newest().map((rate) => `${rate.currency} ${rate.perUsd}`)).toEqual(['SEK 10.5']);
  });

  it('prices a currency another process published, without a notification, even right after a miss', async () => {
    const store = await ExchangeRateStore.open(database.handle.db, 72);
    const now = new Date();
    expect(await store.price(POLICY_2026_11, 'NOK', now)).toMatchObject({
      ok: false,
      errors: [{ code: 'UNSUPPORTED_CURRENCY' }],
    });
    await writtenElsewhere('NOK', '10.9');
    // Within the second after the miss's read: waits for the next read instead of refusing.
    const priced = await store.price(POLICY_2026_11, 'NOK', now);
    expect(priced).toMatchObject({
      ok: true,
      value: { rate: { currency: 'NOK', perUsd: '10.9' } },
    });
  });

  it('prices with a rate dated a little ahead of its clock (five minutes of skew)', async () => {
    const store = await ExchangeRateStore.open(database.handle.db, 72);
    const now = new Date();
    await writtenElsewhere('DKK', '6.9', new Date(now.getTime() + 2 * 60_000));
    await store.reload();
    expect(await store.price(POLICY_2026_11, 'DKK', now)).toMatchObject({ ok: true });
  });

  it('makes the converted policy once per rate', async () => {
    const store = await ExchangeRateStore.open(database.handle.db, 72);
    await writtenElsewhere('PLN', '4.0');
    await store.reload();
    const now = new Date();
    const first = await store.price(POLICY_2026_11, 'PLN', now);
    const second = await store.price(POLICY_2026_11, 'PLN', now);
    if (!first.ok || !second.ok) throw new Error('refused');
    expect(second.value.policy).toBe(first.value.policy);
    expect(first.value.policy.minimumFeeMinor).toBe(12000);
  });
});
