// Claim changes travel over the database: announced in the transaction that makes them,
// heard by every instance. Runs on PGlite, and on PostgreSQL with DATABASE_URL (there each
// instance has its own pool and its own LISTEN connection).
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../logger.js';
import { claimFixtures } from '../../test-support/claim-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/database.js';
import { EventStream } from '../../test-support/event-stream.js';
import { eventually } from '../../test-support/eventually.js';
import { startTwoInstances, type TestInstances } from '../../test-support/instances.js';
import { announceClaimChange, ClaimFeed } from './claim-changes.js';

const OPERATOR = { kind: 'operator', keyId: 'test' } as const;
const silent = createLogger('silent');

describe('ClaimFeed', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.dispose());

  const change = (id = randomUUID()) => ({ id, storefrontId: randomUUID(), memberId: 'M-1' });

  it('announces nothing for a transaction that rolled back', async () => {
    const feed = new ClaimFeed(database.handle, silent);
    const subscription = await feed.subscribe(OPERATOR, null);
    const rolledBack = change();
    await database.handle.db
      .transaction(async (tx) => {
        await announceClaimChange(tx, rolledBack);
        throw new Error('roll back');
      })
      .catch(() => {});
    const committed = change();
    await database.handle.db.transaction((tx) => announceClaimChange(tx, committed));
    expect((await subscription.next()).value).toEqual(committed);
    await feed.close();
    expect(await subscription.next()).toEqual({ done: true, value: undefined });
  });

  it('announces a claim changed twice in one transaction once', async () => {
    const feed = new ClaimFeed(database.handle, silent);
    const subscription = await feed.subscribe(OPERATOR, null);
    const twice = change();
    await database.handle.db.transaction(async (tx) => {
      await announceClaimChange(tx, twice);
      await announceClaimChange(tx, twice);
    });
    const after = change();
    await database.handle.db.transaction((tx) => announceClaimChange(tx, after));
    expect((await subscription.next()).value).toEqual(twice);
    expect((await subscription.next()).value).toEqual(after);
    await feed.close();
  });

  it('ends a waiting next() at once when the subscription is returned', async () => {
    const feed = new ClaimFeed(database.handle, silent);
    const subscription = await feed.subscribe(OPERATOR, null);
    const waiting = subscription.next();
    expect(feed.size).toBe(1);
    await subscription.return();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(feed.size).toBe(0);
    await feed.close();
  });

  it.skipIf(!process.env.DATABASE_URL)(
    'hears changes again after its LISTEN connection was terminated (PostgreSQL)',
    async () => {
      const feed = new ClaimFeed(database.handle, silent);
      const subscription = await feed.subscribe(OPERATOR, null);
      // postgres.js answers execute() with the rows themselves.
      const rows = (await database.handle.db.execute(sqlTerminateListeners())) as unknown as {
        n: number;
      }[];
      expect(rows[0]?.n).toBeGreaterThan(0);
      // postgres.js reconnects and LISTENs again: a change committed after that arrives.
      const heard = new Set<string>();
      let received = false;
      const reading = (async () => {
        const next = await subscription.next();
        if (!next.done) received = heard.has(next.value.id);
      })();
      const arrived = await eventually(async () => {
        const fresh = change();
        heard.add(fresh.id);
        await database.handle.db.transaction((tx) => announceClaimChange(tx, fresh));
        await new Promise((resolve) => setTimeout(resolve, 20));
        return received;
      }, 250);
      await reading;
      expect(arrived).toBe(true);
      await feed.close();
    },
    60_000,
  );
});

/** Terminates this database's LISTEN connections; the count of those terminated. */
function sqlTerminateListeners() {
  return sql`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
     where datname = current_database() and pid <> pg_backend_pid() and query ilike 'listen %'`;
}

describe('claimUpdated across instances', () => {
  let instances: TestInstances;
  beforeAll(async () => {
    instances = await startTwoInstances();
  });
  afterAll(() => instances.close());

  it('a subscription on one instance sees a change made through another', async () => {
    const { a, b } = instances;
    const shop = await a.createStorefront();
    const start = new Date(a.clock.now);
    const { underReview, decide } = claimFixtures(() => ({ api: a, shop, start }));
    const { claim, session } = await underReview({ memberId: 'M-ACROSS' });

    const stream = await EventStream.open(
      b.url,
      'subscription($claimId: ID) { claimUpdated(claimId: $claimId) { id status } }',
      { claimId: claim.id },
      session,
    );
    expect(stream.status).toBe(200);
    const decided = await decide({
      claimId: claim.id,
      outcome: 'REJECT',
      reasonCodes: ['CONTENTS_UNDAMAGED'],
    });
    expect(decided.body.data?.decideClaim.userErrors).toEqual([]);
    expect(await stream.result()).toEqual({
      data: { claimUpdated: { id: claim.id, status: 'REJECTED' } },
    });
    stream.close();
  });
});
