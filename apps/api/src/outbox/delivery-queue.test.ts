// The queue's two statements against a real database (PGlite, or PostgreSQL with DATABASE_URL),
// without a dispatcher, a server or a receiver: leasing respects leases, due times and the
// order per aggregate; recording happens only while the lease is the recorder's own.
import { randomUUID } from 'node:crypto';
import { deliveries, deliveryAttempts, storefronts } from '@lg/db';
import type { Database } from '@lg/db/client';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/database.js';
import type { AttemptResult } from './attempt-result.js';
import { type AttemptRecord, DeliveryQueue, type LeasedDelivery } from './delivery-queue.js';
import { enqueueEvent } from './enqueue.js';

let database: TestDatabase;
let db: Database;
const T0 = new Date('2026-11-02T10:00:00Z');
const LEASE_MS = 60_000;

function later(ms: number, from = T0): Date {
  return new Date(from.getTime() + ms);
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.handle.db;
});
afterAll(() => database.dispose());

/** A storefront of its own per test, so tests never lease each other's deliveries. */
async function storefront(
  values: Partial<typeof storefronts.$inferInsert> = {},
): Promise<{ id: string; webhookSecret: string }> {
  const id = randomUUID();
  const webhookSecret = `whsec_${randomUUID()}`;
  await db.insert(storefronts).values({
    id,
    accountId: id,
    mode: 'test',
    name: 'Queue Shop',
    webhookUrl: 'https://hooks.example/lg',
    webhookSecret,
    ...values,
  });
  return { id, webhookSecret };
}

/** Commits one event about `aggregateId`: its webhook delivery (and an email, if `memberEmail`). */
async function commit(
  storefrontId: string,
  aggregateId: string,
  at: Date,
  memberEmail?: string,
): Promise<string> {
  return db.transaction((tx) =>
    enqueueEvent(
      tx,
      {
        storefrontId,
        type: 'claim.filed',
        aggregateId,
        data: { id: aggregateId },
        memberEmail,
      },
      at,
    ),
  );
}

/** Leases everything due for `storefrontId` (other tests' deliveries are handed back). */
async function leaseOwn(
  queue: DeliveryQueue,
  storefrontId: string,
  now: Date,
): Promise<LeasedDelivery[]> {
  const leased = await queue.lease({ now, leaseMs: LEASE_MS, limit: 100 });
  await queue.release(leased.filter((d) => d.storefrontId !== storefrontId).map((d) => d.id));
  return leased.filter((d) => d.storefrontId === storefrontId);
}

const FAILED: AttemptResult = { ok: false, statusCode: 500, error: 'HTTP 500', durationMs: 12 };
const OK: AttemptResult = { ok: true, statusCode: 200, error: null, durationMs: 8 };

function recordOf(
  delivery: LeasedDelivery,
  result: AttemptResult,
  at: Date,
  nextAttemptAt = at,
): AttemptRecord {
  return {
    delivery,
    attempt: delivery.attempts + 1,
    status: result.ok ? 'DELIVERED' : nextAttemptAt > at ? 'PENDING' : 'DEAD',
    nextAttemptAt,
    at,
    url: delivery.webhookUrl,
    result,
  };
}

async function rowOf(id: string) {
  const [row] = await db.select().from(deliveries).where(eq(deliveries.id, id));
  return row;
}

describe('DeliveryQueue.lease', () => {
  it('leases a due delivery with what sending it takes, to one queue at a time until the lease expires', async () => {
    const shop = await storefront();
    const aggregate = randomUUID();
    const eventId = await commit(shop.id, aggregate, T0);
    const first = new DeliveryQueue(db);
    const second = new DeliveryQueue(db);

    const [leased] = await leaseOwn(first, shop.id, T0);
    expect(leased).toMatchObject({
      eventId,
      eventType: 'claim.filed',
      event: { id: eventId, type: 'claim.filed', data: { id: aggregate } },
      channel: 'webhook',
      storefrontName: 'Queue Shop',
      webhookUrl: 'https://hooks.example/lg',
      webhookSecrets: [shop.webhookSecret],
      attempts: 0,
      aggregateId: aggregate,
    });
    expect(await rowOf(leased?.id as string)).toMatchObject({
      lockedBy: first.token,
      lockedUntil: later(LEASE_MS),
    });
    expect(await leaseOwn(second, shop.id, later(LEASE_MS - 1))).toEqual([]);
    expect((await leaseOwn(second, shop.id, later(LEASE_MS))).map((d) => d.id)).toEqual([
      leased?.id,
    ]);
  });

  it('leases only the first pending event of an aggregate per channel; other aggregates in parallel', async () => {
    const shop = await storefront();
    const [claimA, claimB] = [randomUUID(), randomUUID()];
    const a1 = await commit(shop.id, claimA, T0, 'member@example.com');
    await commit(shop.id, claimA, T0, 'member@example.com');
    const b1 = await commit(shop.id, claimB, T0);
    const queue = new DeliveryQueue(db);

    const leased = await leaseOwn(queue, shop.id, T0);
    expect(leased.map((d) => [d.eventId, d.channel]).sort()).toEqual(
      [
        [a1, 'email'],
        [a1, 'webhook'],
        [b1, 'webhook'],
      ].sort(),
    );
    // The second event of claim A waits for the first, even once the first's lease expires.
    const again = await leaseOwn(new DeliveryQueue(db), shop.id, later(LEASE_MS));
    expect(new Set(again.map((d) => d.eventId))).toEqual(new Set([a1, b1]));
  });

  it('leases nothing before it is due, and skips the webhooks of storefronts it is told to', async () => {
    const shop = await storefront();
    const other = await storefront();
    await commit(shop.id, randomUUID(), later(5_000));
    await commit(other.id, randomUUID(), T0, 'member@example.com');
    const queue = new DeliveryQueue(db);

    expect(await leaseOwn(queue, shop.id, T0)).toEqual([]);
    const leased = await queue.lease({
      now: T0,
      leaseMs: LEASE_MS,
      limit: 100,
      skipWebhooksOf: [other.id],
    });
    const own = leased.filter((d) => d.storefrontId === other.id);
    await queue.release(leased.filter((d) => d.storefrontId !== other.id).map((d) => d.id));
    expect(own.map((d) => d.channel)).toEqual(['email']);
  });

  it('signs with the previous secret too while its rotation grace lasts', async () => {
    const shop = await storefront({
      previousWebhookSecret: 'whsec_previous',
      previousWebhookSecretExpiresAt: later(1_000),
    });
    await commit(shop.id, randomUUID(), T0);
    const queue = new DeliveryQueue(db);
    const [during] = await leaseOwn(queue, shop.id, T0);
    expect(during?.webhookSecrets).toEqual(['whsec_previous', shop.webhookSecret]);
    await queue.release([during?.id as string]);
    const [after] = await leaseOwn(queue, shop.id, later(1_000));
    expect(after?.webhookSecrets).toEqual([shop.webhookSecret]);
  });
});

describe('DeliveryQueue.release', () => {
  it("hands back its own leases for anyone to take at once, never another queue's", async () => {
    const shop = await storefront();
    await commit(shop.id, randomUUID(), T0);
    const holder = new DeliveryQueue(db);
    const [leased] = await leaseOwn(holder, shop.id, T0);
    await new DeliveryQueue(db).release([leased?.id as string]);
    expect((await rowOf(leased?.id as string))?.lockedBy).toBe(holder.token);
    await holder.release([leased?.id as string]);
    expect(await rowOf(leased?.id as string)).toMatchObject({ lockedBy: null, lockedUntil: null });
  });
});

describe('DeliveryQueue.record', () => {
  it('records the attempt and the next state, and frees the lease', async () => {
    const shop = await storefront();
    await commit(shop.id, randomUUID(), T0);
    const queue = new DeliveryQueue(db);
    const [leased] = await leaseOwn(queue, shop.id, T0);
    const delivery = leased as LeasedDelivery;

    expect(await queue.record([recordOf(delivery, OK, later(100))])).toEqual(
      new Set([delivery.id]),
    );
    expect(await rowOf(delivery.id)).toMatchObject({
      status: 'DELIVERED',
      attempts: 1,
      lastStatusCode: 200,
      lastError: null,
      deliveredAt: later(100),
      lockedBy: null,
      lockedUntil: null,
    });
    const attempts = await db
      .select()
      .from(deliveryAttempts)
      .where(eq(deliveryAttempts.deliveryId, delivery.id));
    expect(attempts).toMatchObject([
      { attempt: 1, ok: true, statusCode: 200, url: 'https://hooks.example/lg', durationMs: 8 },
    ]);
  });

  it('records nothing once the lease is no longer its own: the new holder decides', async () => {
    const shop = await storefront();
    await commit(shop.id, randomUUID(), T0);
    const slow = new DeliveryQueue(db);
    const [leased] = await leaseOwn(slow, shop.id, T0);
    const delivery = leased as LeasedDelivery;
    // The slow holder's lease expires and another queue takes the delivery.
    const [retaken] = await leaseOwn(new DeliveryQueue(db), shop.id, later(LEASE_MS));
    expect(retaken?.id).toBe(delivery.id);

    expect(await slow.record([recordOf(delivery, OK, later(LEASE_MS + 1))])).toEqual(new Set());
    expect(await rowOf(delivery.id)).toMatchObject({ status: 'PENDING', attempts: 0 });
    expect(
      await db.select().from(deliveryAttempts).where(eq(deliveryAttempts.deliveryId, delivery.id)),
    ).toEqual([]);
  });

  it("a failed attempt holds back the aggregate's later events until its retry", async () => {
    const shop = await storefront();
    const claim = randomUUID();
    await commit(shop.id, claim, T0);
    await commit(shop.id, claim, T0);
    const queue = new DeliveryQueue(db);
    const [first] = await leaseOwn(queue, shop.id, T0);
    const retryAt = later(30_000);
    await queue.record([recordOf(first as LeasedDelivery, FAILED, T0, retryAt)]);

    const rows = await db.select().from(deliveries).where(eq(deliveries.aggregateId, claim));
    expect(rows.map((row) => [row.status, row.nextAttemptAt])).toEqual([
      ['PENDING', retryAt],
      ['PENDING', retryAt],
    ]);
    expect(await leaseOwn(queue, shop.id, later(29_999))).toEqual([]);
    const [retried] = await leaseOwn(queue, shop.id, retryAt);
    expect(retried).toMatchObject({ id: first?.id, attempts: 1 });
  });
});
