import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, isDatabaseUnavailable, openDatabase } from './client.js';
import { storefronts } from './schema.js';

// PostgreSQL drops connections on a failover, a pooler restart, an idle timeout or
// pg_terminate_backend. postgres.js 3.4.9 then wrote to the closed socket from a
// setImmediate and ended the process (patches/postgres@3.4.9.patch): here the database layer
// alone goes through a storm of terminated backends while transactions run.
const baseUrl = process.env.DATABASE_URL;
const POOL_SIZE = 4;
const WORKERS = 8;
const KILL_ROUNDS = 25;

describe.skipIf(!baseUrl)('connections dropped by PostgreSQL (needs DATABASE_URL)', () => {
  const applicationName = `lg_dropped_${randomUUID().slice(0, 8)}`;
  const databaseName = `lg_db_dropped_${randomUUID().replaceAll('-', '')}`;
  let admin: postgres.Sql;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    admin = postgres(baseUrl as string, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${databaseName}`);
    const url = new URL(baseUrl as string);
    url.pathname = `/${databaseName}`;
    handle = await openDatabase({
      url: url.toString(),
      maxConnections: POOL_SIZE,
      applicationName,
    });
  });

  afterAll(async () => {
    await handle?.close();
    await admin?.unsafe(`drop database if exists ${databaseName} with (force)`);
    await admin?.end();
  });

  /** A write transaction of several statements, like a purchase. */
  async function writeInTransaction(): Promise<void> {
    await handle.db.transaction(async (tx) => {
      const id = randomUUID();
      await tx
        .insert(storefronts)
        .values({ id, accountId: id, mode: 'test', name: 'Shop', webhookSecret: 'whsec' });
      await tx.update(storefronts).set({ name: 'Shop 2' }).where(eq(storefronts.id, id));
      await tx.select().from(storefronts).where(eq(storefronts.id, id));
    });
  }

  // Skipped until a stall is fixed: under this storm (every backend terminated 25 times while 8
  // workers write) a statement now and then never settles and holds its pooled connection, in
  // about a third of runs. The process no longer crashes (faults/database-outage.test.ts proves
  // that on the built server); the stall is open work, described in the README.
  it('fails only the statements on a dropped connection, as retryable errors, and keeps the whole pool', async () => {
    let killing = true;
    let committed = 0;
    const failures: unknown[] = [];
    const worker = async () => {
      while (killing) {
        try {
          if (Math.random() < 0.5) await writeInTransaction();
          else await handle.db.execute(sql`select count(*) from storefronts`);
          committed += 1;
        } catch (error) {
          failures.push(error);
        }
      }
    };
    const workers = Array.from({ length: WORKERS }, worker);

    let terminated = 0;
    for (let round = 0; round < KILL_ROUNDS; round += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 40));
      const rows = await admin`
        select pg_terminate_backend(pid) as done from pg_stat_activity
        where application_name = ${applicationName}`;
      terminated += rows.filter((row) => row.done === true).length;
    }
    killing = false;
    await Promise.all(workers);

    expect(terminated).toBeGreaterThan(0);
    expect(committed).toBeGreaterThan(0);
    const unexpected = failures.filter((error) => !isDatabaseUnavailable(error));
    expect(unexpected).toEqual([]);

    // The whole pool comes back: within a bounded number of attempts, as many concurrent
    // statements as connections run on as many distinct backends. (A connection the storm
    // closed a moment ago may still fail one statement, as retryable as the others.)
    let backends = 0;
    for (let attempt = 0; attempt < 50 && backends < POOL_SIZE; attempt += 1) {
      const settled = await Promise.allSettled(
        Array.from({ length: POOL_SIZE }, () =>
          handle.db.execute(sql`select pg_backend_pid() as pid, pg_sleep(0.02)`),
        ),
      );
      const pids = new Set<number>();
      for (const result of settled) {
        if (result.status === 'rejected') expect(isDatabaseUnavailable(result.reason)).toBe(true);
        else pids.add((result.value as unknown as { pid: number }[])[0]?.pid ?? 0);
      }
      backends = pids.size;
      if (backends < POOL_SIZE) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(backends).toBe(POOL_SIZE);
    await expect(writeInTransaction()).resolves.toBeUndefined();
  });
});

describe('isDatabaseUnavailable', () => {
  it('recognises a dropped connection through the wrappers around it', () => {
    const dropped = Object.assign(new Error('write CONNECTION_CLOSED'), {
      code: 'CONNECTION_CLOSED',
    });
    const wrapped = new Error('Failed query: insert ...', { cause: dropped });
    expect(isDatabaseUnavailable(wrapped)).toBe(true);
    expect(isDatabaseUnavailable({ originalError: wrapped })).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('x'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('x'), { code: '08006' }))).toBe(true);
  });

  it('does not call a refused statement a lost connection', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('dup'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
