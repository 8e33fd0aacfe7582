// Tokens issued by one instance verify on every other: the signing secret is shared.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/database.js';
import { startTwoInstances, type TestInstances } from '../test-support/instances.js';
import {
  memberSession,
  PURCHASE,
  type PurchasePayload,
  quoteToken,
} from '../test-support/operations.js';
import { loadSigningSecret } from './secret.js';

describe('two instances without LG_SECRET', () => {
  let instances: TestInstances;
  beforeAll(async () => {
    instances = await startTwoInstances();
  });
  afterAll(() => instances.close());

  it("accept each other's quotes and member sessions", async () => {
    const { a, b } = instances;
    const shop = await a.createStorefront();
    const bought = await b.gql<PurchasePayload>(
      PURCHASE,
      {
        input: {
          quoteToken: await quoteToken(a, shop),
          orderNumber: 'SO-SECRET-1',
          memberId: 'M-S',
          memberEmail: 'm@example.com',
          productValue: { amount: '120.00', currencyCode: 'USD' },
        },
      },
      shop.secretKey,
    );
    expect(bought.body.data?.purchaseGuarantee.userErrors).toEqual([]);
    const session = await memberSession(b, shop, 'M-S');
    const read = await a.gql<{ guaranteeByOrderNumber: { orderNumber: string } | null }>(
      '{ guaranteeByOrderNumber(orderNumber: "SO-SECRET-1") { orderNumber } }',
      {},
      session,
    );
    expect(read.status).toBe(200);
    expect(read.body.data?.guaranteeByOrderNumber?.orderNumber).toBe('SO-SECRET-1');
  });
});

describe('loadSigningSecret', () => {
  const databases: TestDatabase[] = [];
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'lg-secret-'));
  });
  afterAll(async () => {
    for (const database of databases) await database.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });
  async function freshDatabase() {
    const database = await createTestDatabase();
    databases.push(database);
    return database.handle.db;
  }

  it('uses LG_SECRET when set', async () => {
    const configured = 'x'.repeat(40);
    expect(await loadSigningSecret(await freshDatabase(), { configured })).toBe(configured);
  });

  it('generates one secret that instances starting at once all read back', async () => {
    const db = await freshDatabase();
    const secrets = await Promise.all(
      Array.from({ length: 4 }, () => loadSigningSecret(db, { configured: undefined })),
    );
    expect(new Set(secrets).size).toBe(1);
    expect(secrets[0]?.length).toBeGreaterThanOrEqual(32);
    expect(await loadSigningSecret(db, { configured: undefined })).toBe(secrets[0]);
  });

  it("moves an embedded database's secret file into the database on first start", async () => {
    const legacy = 'a-secret-generated-by-an-earlier-version-0123456789';
    writeFileSync(path.join(dataDir, 'secret'), `${legacy}\n`);
    const db = await freshDatabase();
    expect(await loadSigningSecret(db, { configured: undefined, legacyDataDir: dataDir })).toBe(
      legacy,
    );
    // Kept in the database from then on, for every instance.
    expect(await loadSigningSecret(db, { configured: undefined })).toBe(legacy);
  });
});
