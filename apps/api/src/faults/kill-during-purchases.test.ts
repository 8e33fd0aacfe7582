import { randomUUID } from 'node:crypto';
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
import { FaultServer } from './fault-server.js';

// The API process dies (kill -9: an OOM kill, a lost node) while storefronts buy guarantees.
// Their servers retry with the same idempotency key until they get an answer, as the API asks.
const baseUrl = process.env.DATABASE_URL;
const CLIENTS = 8;
const ORDERS_PER_CLIENT = 12;
/** Acknowledged purchases after which the next kill comes. */
const KILL_AFTER = [20, 55];
const MAX_ATTEMPTS = 600;

describe.skipIf(!baseUrl)(
  'kill -9 of the API during idempotent purchases (PostgreSQL: set DATABASE_URL)',
  () => {
    const fault = new FaultServer();
    afterEach(() => fault.tearDown(), 60_000);

    it('keeps every acknowledged purchase exactly once: retries replay the first guarantee, no order gets two', async () => {
      const options = await fault.prepare('kill', baseUrl);
      let server = await fault.start(options);
      const url = server.url;
      const shop = await createShop(url, options.operatorKey);

      const firstAck = new Map<string, string>();
      const inputs = new Map<string, Record<string, unknown>>();
      const failures: string[] = [];
      let retried = 0;
      /** Requests cut by a kill after they were sent (not refused at connect). */
      let cut = 0;

      /** Sends until answered by a live server; retryable refusals and dead sockets retry. */
      const untilAnswered = async (send: () => Promise<Answer>): Promise<Answer | null> => {
        for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
          try {
            const answer = await send();
            if (!isRetryableRefusal(answer)) return answer;
            const leaked = internalsIn(answer);
            if (leaked.length > 0) failures.push(`internals in a refusal: ${leaked.join(' | ')}`);
          } catch (error) {
            if (!(error instanceof NoAnswer)) throw error;
            if (error.code !== 'ECONNREFUSED') cut += 1;
          }
          retried += 1;
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        return null;
      };

      const client = async (id: number) => {
        for (let n = 0; n < ORDERS_PER_CLIENT; n += 1) {
          const orderNumber = `SO-${id}-${n}`;
          const key = randomUUID();
          let input: Record<string, unknown> | undefined;
          for (let attempt = 0; attempt < MAX_ATTEMPTS && !input; attempt += 1) {
            try {
              input = await quotedPurchase(url, shop, orderNumber, key);
            } catch {
              await new Promise((resolve) => setTimeout(resolve, 25));
            }
          }
          if (!input) {
            failures.push(`${orderNumber}: no quote`);
            continue;
          }
          inputs.set(orderNumber, input);
          const answer = await untilAnswered(() => gql(url, PURCHASE, { input }, shop.secretKey));
          const guarantee = answer && acknowledged(answer);
          if (guarantee) firstAck.set(orderNumber, guarantee.id);
          else failures.push(`${orderNumber}: ${answer ? errorCodes(answer) : 'never answered'}`);
        }
      };

      const load = Array.from({ length: CLIENTS }, (_, id) => client(id));
      const exits: string[] = [];
      for (const threshold of KILL_AFTER) {
        for (let wait = 0; wait < 2400 && firstAck.size < threshold; wait += 1)
          await new Promise((resolve) => setTimeout(resolve, 10));
        server.signal('SIGKILL');
        const exit = await server.exited;
        exits.push(`${exit.signal} with ${firstAck.size} acknowledged`);
        server = await fault.start(options);
      }
      await Promise.all(load);

      // Every retry with the same key, now on a live server, replays the first guarantee.
      const replayed: string[] = [];
      for (const [orderNumber, input] of inputs) {
        const answer = await gql(url, PURCHASE, { input }, shop.secretKey);
        const guarantee = acknowledged(answer);
        if (guarantee?.id !== firstAck.get(orderNumber))
          replayed.push(`${orderNumber}: ${guarantee?.id ?? errorCodes(answer)}`);
      }

      const sql = postgres(options.databaseUrl as string, { max: 1, onnotice: () => {} });
      const rows = await sql<{ order_number: string; count: number }[]>`
      select order_number, count(*)::int as count from guarantees group by order_number`;
      await sql.end();

      console.info(
        `kill -9 under purchases: ${exits.join('; ')}; ${firstAck.size} acknowledged, ${retried} retries, ${cut} purchases cut in flight`,
      );
      expect(exits).toEqual(KILL_AFTER.map(() => expect.stringMatching(/^SIGKILL/)));
      expect(failures).toEqual([]);
      expect(firstAck.size).toBe(CLIENTS * ORDERS_PER_CLIENT);
      expect(replayed).toEqual([]);
      expect(rows.filter((row) => row.count !== 1)).toEqual([]);
      expect(rows.map((row) => row.order_number).sort()).toEqual([...firstAck.keys()].sort());
    }, 180_000);
  },
);
