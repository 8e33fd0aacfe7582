import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type Answer,
  acknowledged,
  createShop,
  errorCodes,
  gql,
  internalsIn,
  isRetryableRefusal,
  NoAnswer,
  PURCHASE,
  quotedPurchase,
} from './api-client.js';
import { freePort, killIfRunning, type ServerProcess, startBuiltServer } from './built-server.js';
import { PrivatePostgres, postgresBinaries } from './databases.js';

// PostgreSQL drops the API's connections (pg_terminate_backend: a pooler restart, an idle
// timeout) and then restarts (a failover) while storefronts buy and read guarantees. The
// cluster is the test's own: the machine's shared PostgreSQL serves other tests.
const baseUrl = process.env.DATABASE_URL;
const bin = postgresBinaries();
const CLIENTS = 6;
const TERMINATIONS = 5;
const MAX_ATTEMPTS = 800;

const READ = `query($orderNumber: String!) { guaranteeByOrderNumber(orderNumber: $orderNumber) { id } }`;

const reason = !baseUrl
  ? 'PostgreSQL fault tests run when DATABASE_URL is set'
  : 'no PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql';

describe.skipIf(!baseUrl || !bin)(
  `PostgreSQL drops connections and restarts mid-load (${baseUrl && bin ? 'private cluster' : `skipped: ${reason}`})`,
  () => {
    let cluster: PrivatePostgres | undefined;
    let server: ServerProcess | undefined;
    let dataDir: string | undefined;

    afterEach(async () => {
      await killIfRunning(server);
      await cluster?.destroy();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }, 60_000);

    it('answers the requests caught in the outage with a clean retryable error and recovers by itself', async () => {
      cluster = await PrivatePostgres.create(bin as string);
      const admin = postgres(cluster.url(), { max: 1, onnotice: () => {} });
      await admin.unsafe('create database lg');
      await admin.end();
      dataDir = mkdtempSync(path.join(tmpdir(), 'lg-fault-outage-'));
      const operatorKey = `op_${randomBytes(24).toString('base64url')}`;
      server = await startBuiltServer({
        port: await freePort(),
        dataDir,
        secret: randomBytes(32).toString('hex'),
        operatorKey,
        databaseUrl: cluster.url('lg'),
      });
      const { url } = server;
      const shop = await createShop(url, operatorKey);

      let ok = 0;
      let refusals = 0;
      let stop = false;
      const failures: string[] = [];
      const orders = new Map<string, string>();

      /** Sends until the answer is not a retryable refusal; every refusal must be clean. */
      const untilAnswered = async (send: () => Promise<Answer>): Promise<Answer | null> => {
        for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
          const answer = await send();
          if (!isRetryableRefusal(answer)) return answer;
          refusals += 1;
          const leaked = internalsIn(answer);
          if (leaked.length > 0) failures.push(`internals in a refusal: ${leaked.join(' | ')}`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        return null;
      };

      const client = async (id: number) => {
        for (let n = 0; !stop; n += 1) {
          const orderNumber = `SO-${id}-${n}`;
          try {
            // The quote needs no database: it is not part of what this test watches.
            const input = await quotedPurchase(url, shop, orderNumber, randomUUID());
            const bought = await untilAnswered(() => gql(url, PURCHASE, { input }, shop.secretKey));
            const guarantee = bought && acknowledged(bought);
            if (!guarantee) {
              failures.push(`purchase ${orderNumber}: ${bought ? errorCodes(bought) : 'no end'}`);
              continue;
            }
            orders.set(orderNumber, guarantee.id);
            const read = await untilAnswered(() => gql(url, READ, { orderNumber }, shop.secretKey));
            const found = read?.body.data?.guaranteeByOrderNumber as { id: string } | undefined;
            if (found?.id === guarantee.id) ok += 1;
            else
              failures.push(`read ${orderNumber}: ${read ? JSON.stringify(read.body) : 'no end'}`);
          } catch (error) {
            // No answer at all: the API process is gone, which is what must not happen.
            failures.push(error instanceof NoAnswer ? error.message : String(error));
            return;
          }
        }
      };
      const load = Array.from({ length: CLIENTS }, (_, id) => client(id));
      /** Waits (bounded) until `more` further purchases were bought and read back. */
      const served = async (more: number) => {
        const target = ok + more;
        for (let wait = 0; wait < 3000 && ok < target && failures.length === 0; wait += 1)
          await new Promise((resolve) => setTimeout(resolve, 10));
        return ok >= target;
      };

      const recovered: boolean[] = [await served(10)];
      const killer = postgres(cluster.url(), { max: 1, onnotice: () => {} });
      let terminated = 0;
      for (let round = 0; round < TERMINATIONS; round += 1) {
        const rows = await killer`
          select pg_terminate_backend(pid) as done from pg_stat_activity
          where datname = 'lg' and application_name = 'logistics-guarantee'`;
        terminated += rows.filter((row) => row.done === true).length;
        recovered.push(await served(3));
      }
      await killer.end();
      const refusalsBeforeRestart = refusals;
      await cluster.restart();
      recovered.push(await served(20));
      stop = true;
      await Promise.all(load);

      const ready = await fetch(`${url}/readyz`).then(
        (response) => response.status,
        () => 0,
      );
      const sql = postgres(cluster.url('lg'), { max: 1, onnotice: () => {} });
      const rows = await sql<{ order_number: string; count: number }[]>`
        select order_number, count(*)::int as count from guarantees group by order_number`;
      await sql.end();

      console.info(
        `database outage: ${terminated} backends terminated in ${TERMINATIONS} rounds, then a restart; ` +
          `${refusalsBeforeRestart} + ${refusals - refusalsBeforeRestart} SERVICE_UNAVAILABLE answers; ${ok} purchases bought and read`,
      );
      // The process is alive (its last words otherwise), and no request failed another way.
      expect(server.child.exitCode, server.output().slice(-1500)).toBeNull();
      expect(failures).toEqual([]);
      expect(terminated).toBeGreaterThan(0);
      expect(refusals).toBeGreaterThan(0);
      expect(recovered).toEqual(recovered.map(() => true));
      expect(ready).toBe(200);
      // Retries with the same key during the outage bought each order once.
      expect(rows.filter((row) => row.count !== 1)).toEqual([]);
      expect(rows.length).toBe(orders.size);
    }, 180_000);
  },
);
