import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, databaseErrorOf, openDatabase } from './client.js';
import {
  apiKeys,
  claimEvents,
  claims,
  guarantees,
  packages,
  policyVersions,
  storefronts,
} from './schema.js';

// Runs on PGlite, and on PostgreSQL too when DATABASE_URL is set (CI's second pass), in a
// database of its own so parallel test files never share tables.
const baseUrl = process.env.DATABASE_URL;
let handle: DatabaseHandle;
let dropDatabase: (() => Promise<void>) | undefined;
/** This file's own database on PostgreSQL. */
let testUrl: string | undefined;

beforeAll(async () => {
  if (baseUrl) {
    const name = `lg_db_test_${randomUUID().replaceAll('-', '')}`;
    const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(baseUrl);
    url.pathname = `/${name}`;
    testUrl = url.toString();
    handle = await openDatabase({ url: testUrl });
    dropDatabase = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    handle = await openDatabase();
  }
});

afterAll(async () => {
  await handle?.close();
  await dropDatabase?.();
});

function storedQuote(storefrontId: string, productValueMinor: number, feeMinor: number) {
  return {
    id: 'q',
    storefrontId,
    currency: 'USD',
    productValueMinor,
    feeMinor,
    policyVersion: '2026-11',
    expiresAt: '2026-11-01T00:00:00.000Z',
  };
}

async function seedPackage() {
  const { db } = handle;
  const storefrontId = randomUUID();
  const guaranteeId = randomUUID();
  const packageId = randomUUID();
  await db
    .insert(policyVersions)
    .values({ version: '2026-11', document: {} })
    .onConflictDoNothing();
  await db.insert(storefronts).values({
    id: storefrontId,
    accountId: storefrontId,
    mode: 'test',
    name: 'Shop',
    webhookSecret: 'whsec',
  });
  await db.insert(guarantees).values({
    id: guaranteeId,
    storefrontId,
    orderNumber: 'SO-1',
    memberId: 'M1',
    memberEmail: 'm@example.com',
    currency: 'USD',
    productValueMinor: 12000,
    feeMinor: 3000,
    policyVersion: '2026-11',
    quoteId: 'q1',
    quote: storedQuote(storefrontId, 12000, 3000),
  });
  await db.insert(packages).values({
    id: packageId,
    storefrontId,
    guaranteeId,
    trackingNumber: `TN${packageId}`,
    currency: 'USD',
    declaredValueMinor: 12000,
    salePriceMinor: 12000,
    shippingFeeMinor: 2000,
  });
  return { storefrontId, guaranteeId, packageId };
}

function claimRow(ids: Awaited<ReturnType<typeof seedPackage>>) {
  return {
    id: randomUUID(),
    storefrontId: ids.storefrontId,
    guaranteeId: ids.guaranteeId,
    packageId: ids.packageId,
    memberId: 'M1',
    type: 'LOSS' as const,
    status: 'UNDER_REVIEW' as const,
    description: 'lost',
    reference: 'M1+SO-1+Claim',
    currency: 'USD',
  };
}

describe('database invariants', () => {
  it('migrates and answers a ping', async () => {
    await expect(handle.ping()).resolves.toBeUndefined();
  });

  it('R21 refuses a second open claim on one package (partial unique index)', async () => {
    const ids = await seedPackage();
    await handle.db.insert(claims).values(claimRow(ids));
    const error = await handle.db
      .insert(claims)
      .values(claimRow(ids))
      .then(() => null)
      .catch((e: unknown) => e);
    expect(databaseErrorOf(error)).toEqual({
      code: '23505',
      constraint: 'claims_one_open_per_package',
    });
  });

  it('allows a new claim once the previous one is rejected', async () => {
    const ids = await seedPackage();
    const first = claimRow(ids);
    await handle.db.insert(claims).values(first);
    await handle.db
      .update(claims)
      .set({ status: 'REJECTED', outcome: 'REJECT' })
      .where(eq(claims.id, first.id));
    await expect(handle.db.insert(claims).values(claimRow(ids))).resolves.toBeDefined();
  });

  it('refuses one guarantee twice for the same order of a storefront', async () => {
    const ids = await seedPackage();
    const error = await handle.db
      .insert(guarantees)
      .values({
        id: randomUUID(),
        storefrontId: ids.storefrontId,
        orderNumber: 'SO-1',
        memberId: 'M1',
        memberEmail: 'm@example.com',
        currency: 'USD',
        productValueMinor: 1,
        feeMinor: 1,
        policyVersion: '2026-11',
        quoteId: 'q',
        quote: storedQuote(ids.storefrontId, 1, 1),
      })
      .catch((e: unknown) => e);
    expect(databaseErrorOf(error).constraint).toBe('guarantees_storefront_order_unique');
  });

  it('refuses an empty webhook URL (no webhook is null)', async () => {
    const { storefrontId } = await seedPackage();
    const error = await handle.db
      .update(storefronts)
      .set({ webhookUrl: '' })
      .where(eq(storefronts.id, storefrontId))
      .catch((e: unknown) => e);
    expect(databaseErrorOf(error).constraint).toBe('storefronts_webhook_url_not_empty');
  });

  it('keeps a previous webhook secret only with the moment it expires', async () => {
    const { storefrontId } = await seedPackage();
    const error = await handle.db
      .update(storefronts)
      .set({ previousWebhookSecret: 'whsec_old' })
      .where(eq(storefronts.id, storefrontId))
      .catch((e: unknown) => e);
    expect(databaseErrorOf(error).constraint).toBe('storefronts_previous_secret_expires');
  });

  it("refuses a key whose mode is not its storefront's (test keys never reach live data)", async () => {
    const { storefrontId } = await seedPackage();
    const error = await handle.db
      .insert(apiKeys)
      .values({
        id: randomUUID(),
        kind: 'secret',
        mode: 'live',
        storefrontId,
        keyHash: randomUUID(),
        hint: 'sk_live_x…',
      })
      .catch((e: unknown) => e);
    expect(databaseErrorOf(error).constraint).toBe('api_keys_storefront_mode_fk');
  });

  it('keeps one storefront per account and mode', async () => {
    const { storefrontId } = await seedPackage();
    const error = await handle.db
      .insert(storefronts)
      .values({
        id: randomUUID(),
        accountId: storefrontId,
        mode: 'test',
        name: 'Shop again',
        webhookSecret: 'whsec',
      })
      .catch((e: unknown) => e);
    expect(databaseErrorOf(error).constraint).toBe('storefronts_account_mode_unique');
  });

  it('never lets a timeline entry be edited or deleted', async () => {
    const ids = await seedPackage();
    const claim = claimRow(ids);
    await handle.db.insert(claims).values(claim);
    const eventId = randomUUID();
    await handle.db
      .insert(claimEvents)
      .values({ id: eventId, claimId: claim.id, seq: 1, toStatus: 'UNDER_REVIEW', actor: 'm' });
    const update = await handle.db
      .update(claimEvents)
      .set({ note: 'rewritten' })
      .where(eq(claimEvents.id, eventId))
      .catch((e: unknown) => e);
    expect(databaseErrorOf(update).code).toBe('23001');
    const remove = await handle.db
      .delete(claimEvents)
      .where(eq(claimEvents.id, eventId))
      .catch((e: unknown) => e);
    expect(databaseErrorOf(remove).code).toBe('23001');
  });
});

describe.skipIf(!baseUrl)('migrations on PostgreSQL', () => {
  it('lets two instances starting at once migrate one fresh database without breaking', async () => {
    const name = `lg_db_race_${randomUUID().replaceAll('-', '')}`;
    const admin = postgres(baseUrl as string, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(baseUrl as string);
    url.pathname = `/${name}`;
    try {
      const [a, b] = await Promise.all([
        openDatabase({ url: url.toString() }),
        openDatabase({ url: url.toString() }),
      ]);
      await a.ping();
      await b.ping();
      await Promise.all([a.close(), b.close()]);
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});

describe.skipIf(!baseUrl)('round trips on PostgreSQL', () => {
  it('prepares parameterised queries, in and out of transactions (one round trip each)', async () => {
    // One connection, so the statements it prepared are the ones pg_prepared_statements lists.
    const single = await openDatabase({ url: testUrl, maxConnections: 1, migrate: false });
    try {
      const prepared = async () => {
        const rows = await single.db.execute(
          sql.raw('select statement from pg_prepared_statements'),
        );
        return (rows as unknown as { statement: string }[]).map((row) => row.statement);
      };
      const id = randomUUID();
      await single.db.select().from(storefronts).where(eq(storefronts.id, id));
      expect((await prepared()).some((text) => text.includes('from "storefronts" where'))).toBe(
        true,
      );
      await single.db.transaction(async (tx) => {
        await tx.select().from(guarantees).where(eq(guarantees.id, id));
        await tx.transaction(async (savepoint) => {
          await savepoint.select().from(packages).where(eq(packages.id, id));
        });
      });
      const texts = await prepared();
      expect(texts.some((text) => text.includes('from "guarantees" where'))).toBe(true);
      expect(texts.some((text) => text.includes('from "packages" where'))).toBe(true);
    } finally {
      await single.close();
    }
  });
});
