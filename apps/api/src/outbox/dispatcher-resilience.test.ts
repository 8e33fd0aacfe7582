import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { deliveries, deliveryAttempts } from '@lg/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idOf } from '../graphql/global-id.js';
import { startTestApi, type TestApi } from '../test-support/harness.js';
import { purchase } from '../test-support/operations.js';
import { MAX_ATTEMPTS, RETRY_DELAYS_MS } from './backoff.js';
import { Dispatcher } from './dispatcher.js';
import { enqueueEvent } from './enqueue.js';
import { mailDirectory } from './mailer.js';
import {
  fileLossClaim,
  parseMail,
  type ReceivedWebhook,
  type Receiver,
  rejectClaim,
  startReceiver,
} from './test-flows.js';

let api: TestApi;
const receivers: Receiver[] = [];
const dispatchers: Dispatcher[] = [];

async function receiver(): Promise<Receiver> {
  const r = await startReceiver();
  receivers.push(r);
  return r;
}

function dispatcher(options: ConstructorParameters<typeof Dispatcher>[1] = {}): Dispatcher {
  const d = new Dispatcher(api.server.app, { random: () => 0.5, listen: false, ...options });
  dispatchers.push(d);
  return d;
}

/** Each event's first 2xx receipt, in the order they arrived. */
function firstAccepted(received: ReceivedWebhook[]): ReceivedWebhook[] {
  const seen = new Set<string>();
  return received.filter((hook) => {
    if (hook.status < 200 || hook.status >= 300 || seen.has(hook.event.id)) return false;
    seen.add(hook.event.id);
    return true;
  });
}

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  for (const d of dispatchers) await d.stop(100);
  await api.close();
  await Promise.all(receivers.map((r) => r.close()));
});

describe('crash recovery', () => {
  it('a dispatcher killed mid-batch and another started later deliver everything, in order per claim', async () => {
    const hooks = await receiver();
    const shop = await api.createStorefront({ webhookUrl: hooks.url });
    const claims = [];
    for (let i = 0; i < 5; i += 1) {
      const filed = await fileLossClaim(api, shop, { memberId: `M30${i}` });
      await rejectClaim(api, filed.claimId, ['SUSPECTED_FRAUD']);
      claims.push(filed);
    }
    // The receiver takes a while to answer, so the batch is still in flight when it dies.
    hooks.answer = ({ count }) => (count <= 3 ? 200 : 'hang');
    const first = dispatcher({
      webhookTimeoutMs: 30_000,
      leaseMs: 60_000,
      perStorefrontConcurrency: 50,
    });
    const running = first.dispatchOnce();
    await hooks.waitFor((received) => received.length >= 6);
    first.abandon(); // the process dies: nothing more is recorded
    await running;

    const held = new Set(
      (await api.server.app.db.select().from(deliveries))
        .filter((d) => d.channel === 'webhook' && d.status === 'PENDING' && d.lockedUntil !== null)
        .map((d) => d.eventId),
    );
    expect(held.size).toBeGreaterThan(0);

    // Nothing it held is re-sent while the dead dispatcher's leases last...
    hooks.answer = () => 200;
    const second = dispatcher();
    const sentBefore = hooks.received.length;
    await second.runUntilIdle();
    expect(hooks.received.slice(sentBefore).filter((hook) => held.has(hook.event.id))).toEqual([]);
    // ...and everything is once they expire.
    api.clock.now = new Date(api.clock.now.getTime() + 61_000);
    const summary = await second.runUntilIdle();
    expect(summary.failed + summary.dead).toBe(0);

    const all = await api.server.app.db.select().from(deliveries);
    expect(all.filter((d) => d.status !== 'DELIVERED')).toEqual([]);
    const accepted = firstAccepted(hooks.received);
    expect(accepted).toHaveLength(5 * 4); // per claim: purchase, filed, status changed, completed
    for (const claim of claims) {
      const order = accepted
        .filter((hook) => hook.event.data.id === claim.claimId)
        .map((hook) => hook.event.type);
      expect(order).toEqual(['claim.filed', 'claim.status_changed', 'claim.completed']);
    }
    // At least once: a redelivery carries the same event id, so the receiver can drop it.
    const duplicates = hooks.received.length - new Set(hooks.received.map((h) => h.event.id)).size;
    expect(duplicates).toBeLessThanOrEqual(10);
  });

  it('two dispatchers working the same outbox never send one attempt twice', async () => {
    const hooks = await receiver();
    const shop = await api.createStorefront({ webhookUrl: hooks.url });
    for (let i = 0; i < 12; i += 1) await purchase(api, shop, { memberId: `M31${i}` });
    const [a, b] = [dispatcher({ batchSize: 5 }), dispatcher({ batchSize: 5 })];
    await Promise.all([a.runUntilIdle(), b.runUntilIdle()]);
    const ids = hooks.received.map((hook) => hook.event.id);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
  });
});

describe('a delivery that throws', () => {
  it('counts as a failed attempt: retried with backoff, then dead-lettered, not re-sent every lease', async () => {
    // A member email for a guarantee sold under a policy version this process cannot find:
    // rendering it throws before anything is sent.
    const shop = await api.createStorefront();
    const storefrontId = idOf('Storefront', shop.id) as string;
    const memberEmail = api.secret('member.unknown-policy@example.com');
    const eventId = await api.server.app.db.transaction((tx) =>
      enqueueEvent(
        tx,
        {
          storefrontId,
          type: 'guarantee.purchased',
          aggregateId: randomUUID(),
          data: { id: 'R3VhcmFudGVlOng=', orderNumber: 'SO-404', policyVersion: 'no-such-version' },
          memberEmail,
        },
        api.clock.now,
      ),
    );
    const [delivery] = await api.server.app.db
      .select()
      .from(deliveries)
      .where(eq(deliveries.eventId, eventId));
    const row = async () =>
      (
        await api.server.app.db
          .select()
          .from(deliveries)
          .where(eq(deliveries.id, delivery?.id as string))
      )[0];
    const loop = dispatcher();

    const started = api.clock.now.getTime();
    expect(await loop.runUntilIdle()).toMatchObject({ claimed: 1, failed: 1 });
    expect(await row()).toMatchObject({
      status: 'PENDING',
      attempts: 1,
      lastError: 'internal error',
      lockedBy: null,
      // The first retry's delay (jitter pinned to the middle), not the lease's expiry.
      nextAttemptAt: new Date(started + (RETRY_DELAYS_MS[0] as number)),
    });
    for (let round = 0; round < MAX_ATTEMPTS + 2; round += 1) {
      const current = await row();
      if (current?.status !== 'PENDING') break;
      api.clock.now = current.nextAttemptAt;
      await loop.runUntilIdle();
    }
    expect(await row()).toMatchObject({ status: 'DEAD', attempts: MAX_ATTEMPTS });
    const attempts = await api.server.app.db
      .select()
      .from(deliveryAttempts)
      .where(eq(deliveryAttempts.deliveryId, delivery?.id as string));
    expect(attempts).toHaveLength(MAX_ATTEMPTS);
    expect(attempts.every((a) => !a.ok && a.error === 'internal error')).toBe(true);
    expect(api.logs()).toContain('no-such-version');
  });
});

describe('slow receivers', () => {
  it("a receiver that never answers doesn't delay another storefront's deliveries", async () => {
    const stuck = await receiver();
    stuck.answer = () => 'hang';
    const fast = await receiver();
    const slowShop = await api.createStorefront({ webhookUrl: stuck.url });
    const fastShop = await api.createStorefront({ webhookUrl: fast.url });
    for (let i = 0; i < 10; i += 1) await purchase(api, slowShop, { memberId: `M40${i}` });
    const filed = await fileLossClaim(api, fastShop, { memberId: 'M4100' });
    await rejectClaim(api, filed.claimId, ['NO_SIGNATURE']);

    const timeoutMs = 8_000;
    const loop = dispatcher({ webhookTimeoutMs: timeoutMs, pollIntervalMs: 50, concurrency: 8 });
    const started = Date.now();
    loop.start();
    await fast.waitFor((received) => received.length >= 4, timeoutMs);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(timeoutMs / 2);
    expect(
      fast.received
        .filter((hook) => hook.event.data.id === filed.claimId)
        .map((hook) => hook.event.type),
    ).toEqual(['claim.filed', 'claim.status_changed', 'claim.completed']);
    expect(fast.received.filter((hook) => hook.event.type === 'guarantee.purchased')).toHaveLength(
      1,
    );
    // The stuck storefront holds only its own share of the slots.
    expect(stuck.received.length).toBeLessThanOrEqual(4);
    await loop.stop(100);
  });
});

describe('waking on commit', () => {
  it('delivers an event as its transaction commits, with no poll due for ten minutes', async () => {
    const hooks = await receiver();
    const shop = await api.createStorefront({ webhookUrl: hooks.url });
    const loop = dispatcher({ listen: true, pollIntervalMs: 600_000 });
    loop.start();
    // The first delivery shows the loop running, and so listening (it subscribes first).
    await purchase(api, shop, { memberId: 'M-NOTIFY-1' });
    await hooks.waitFor((received) => received.length >= 1, 10_000);
    // Only the commit's NOTIFY can wake it for this one now.
    await purchase(api, shop, { memberId: 'M-NOTIFY-2' });
    await hooks.waitFor((received) => received.length >= 2, 10_000);
    expect(hooks.received.map((hook) => hook.event.type)).toEqual([
      'guarantee.purchased',
      'guarantee.purchased',
    ]);
    await loop.stop(100);
  });
});

describe('the dispatcher inside `pnpm start`', () => {
  it('with LG_WORKER=on and no SMTP_URL, delivers on commit and writes member emails as .eml files', async () => {
    const hooks = await receiver();
    const embedded = await startTestApi({ env: { LG_WORKER: 'on' } });
    try {
      expect(embedded.server.dispatcher).not.toBeNull();
      const shop = await embedded.createStorefront({ webhookUrl: hooks.url });
      const { input } = await purchase(embedded, shop);
      await hooks.waitFor((received) => received.length >= 1, 5_000);
      const directory = mailDirectory(embedded.server.app.config.dataDir);
      const until = Date.now() + 5_000;
      while (!(existsSync(directory) && readdirSync(directory).some((f) => f.endsWith('.eml')))) {
        if (Date.now() > until) throw new Error('no .eml written');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const [file] = readdirSync(directory).filter((f) => f.endsWith('.eml'));
      expect(file).toMatch(/^\d{8}T\d{9}Z-[0-9a-f-]{36}\.eml$/);
      const mail = parseMail(readFileSync(path.join(directory, file as string), 'utf8'));
      expect(mail.subject).toBe(`Your Logistics Guarantee for order ${input.orderNumber}`);
      expect(mail.headers.get('to')).toBe(input.memberEmail);
    } finally {
      await embedded.close();
    }
  });
});
