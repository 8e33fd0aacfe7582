// Policy versions across processes: a version published anywhere is used everywhere, and a
// process that missed the announcement reads it from the database rather than refuse it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { POLICY_2026_11 } from '@lg/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli.js';
import { PolicyStore } from './policies.js';
import { createTestDatabase, type TestDatabase } from './test-support/database.js';
import { eventually } from './test-support/eventually.js';
import { startTwoInstances, type TestInstances } from './test-support/instances.js';
import {
  nextOrderNumber,
  nextTrackingNumber,
  PURCHASE,
  type PurchasePayload,
  quoteToken,
  REGISTER_PACKAGE,
} from './test-support/operations.js';

const POLICY = '{ policy { version } }';

describe('a policy version published on one instance', () => {
  let instances: TestInstances;
  beforeAll(async () => {
    instances = await startTwoInstances();
  });
  afterAll(() => instances.close());

  it('is quoted, bought and applied on another instance started before it', async () => {
    const { a, b } = instances;
    const shop = await a.createStorefront();
    const published = await a.server.app.policies.publish({
      ...POLICY_2026_11,
      version: '2031-01',
    });
    expect(published.ok).toBe(true);

    // Bought through b at once, whether or not b has heard of the version yet.
    const token = await quoteToken(a, shop);
    const orderNumber = nextOrderNumber();
    const bought = await b.gql<PurchasePayload>(
      PURCHASE,
      {
        input: {
          quoteToken: token,
          orderNumber,
          memberId: 'M-PV',
          memberEmail: 'm@example.com',
          productValue: { amount: '120.00', currencyCode: 'USD' },
        },
      },
      shop.secretKey,
    );
    expect(bought.body.data?.purchaseGuarantee.userErrors).toEqual([]);
    expect(bought.body.data?.purchaseGuarantee.guarantee?.policyVersion).toBe('2031-01');

    const registered = await b.gql<{
      registerPackage: { package: { maxCompensation: { amount: string } } | null };
    }>(
      REGISTER_PACKAGE,
      {
        input: {
          orderNumber,
          trackingNumber: nextTrackingNumber(),
          declaredValue: { amount: '100.00', currencyCode: 'USD' },
          salePrice: { amount: '100.00', currencyCode: 'USD' },
          shippingFee: { amount: '10.00', currencyCode: 'USD' },
        },
      },
      shop.secretKey,
    );
    expect(registered.body.errors).toBeUndefined();
    expect(registered.body.data?.registerPackage.package?.maxCompensation.amount).toBe('110.00');

    // And b quotes it from then on: the NOTIFY reached it.
    expect(
      await eventually(
        async () =>
          (await b.gql<{ policy: { version: string } }>(POLICY)).body.data?.policy.version ===
          '2031-01',
      ),
    ).toBe(true);
  });

  it.skipIf(!process.env.DATABASE_URL)(
    'reaches running instances when `pnpm lg policy publish` publishes it',
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'lg-policy-'));
      const file = path.join(dir, 'policy.json');
      writeFileSync(file, JSON.stringify({ ...POLICY_2026_11, version: '2032-01' }));
      const saved = process.env.DATABASE_URL;
      process.env.DATABASE_URL = instances.url;
      try {
        const lines: string[] = [];
        await runCli(['policy', 'publish', file], (line) => lines.push(line));
        expect(lines).toEqual(['published policy 2032-01']);
      } finally {
        process.env.DATABASE_URL = saved;
        rmSync(dir, { recursive: true, force: true });
      }
      for (const api of [instances.a, instances.b]) {
        expect(
          await eventually(
            async () =>
              (await api.gql<{ policy: { version: string } }>(POLICY)).body.data?.policy.version ===
              '2032-01',
          ),
        ).toBe(true);
      }
    },
  );
});

describe('PolicyStore', () => {
  let database: TestDatabase;
  const queries: string[] = [];
  beforeAll(async () => {
    database = await createTestDatabase((sql) => queries.push(sql));
  });
  afterAll(() => database.dispose());

  it('reads a version it missed from the database, and answers known ones from memory', async () => {
    const { db } = database.handle;
    const stale = await PolicyStore.open(db);
    const publisher = await PolicyStore.open(db);
    expect((await publisher.publish({ ...POLICY_2026_11, version: '2033-01' })).ok).toBe(true);

    queries.length = 0;
    expect(stale.current.version).toBe('2026-11');
    expect((await stale.get('2026-11'))?.version).toBe('2026-11');
    expect(queries).toEqual([]);

    expect((await stale.require('2033-01')).version).toBe('2033-01');
    expect(queries).toHaveLength(1);
    expect(stale.current.version).toBe('2033-01');
    await expect(stale.require('1999-01')).rejects.toThrow(/1999-01 is not published/);
    expect(await stale.get('1999-01')).toBeUndefined();
  });

  it('lets a synchronous reader (the email templates) use a version it missed', async () => {
    const { db } = database.handle;
    const stale = await PolicyStore.open(db);
    await (await PolicyStore.open(db)).publish({ ...POLICY_2026_11, version: '2034-01' });
    expect(await stale.withVersions((policyFor) => policyFor('2034-01').version)).toBe('2034-01');
    await expect(stale.withVersions((policyFor) => policyFor('1999-02'))).rejects.toThrow(
      /not published/,
    );
  });

  it('follows publications by any store on the database', async () => {
    const { db } = database.handle;
    const follower = await PolicyStore.open(db);
    const stop = await follower.follow(database.handle, (error) => {
      throw error;
    });
    try {
      await (await PolicyStore.open(db)).publish({ ...POLICY_2026_11, version: '2035-01' });
      expect(await eventually(async () => follower.current.version === '2035-01')).toBe(true);
    } finally {
      await stop();
    }
  });
});
