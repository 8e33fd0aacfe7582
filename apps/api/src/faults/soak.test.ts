import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { FaultServer } from './fault-server.js';
import { createSoakShop, runAtRate, SoakMix } from './soak-mix.js';

// The soak of `pnpm bench` (bench/soak.ts, 10 minutes at half the measured capacity) cut to a
// minute at a rate any CI machine sustains: the built server in production mode, worker on,
// a storefront webhook on loopback, the working mix of soak-mix.ts. It checks outcomes only
// (BENCHMARKS.md, "Soak", has the latencies): no request fails, the outbox delivers everything
// the minute queued, and the server's memory does not keep growing after its warm-up.
const baseUrl = process.env.DATABASE_URL;
const RATE = 40;
const WARM_UP_SECONDS = 10;
const SOAK_SECONDS = 45;
/** Generous: warm caches and the heap's own sizing move RSS by tens of percent, a leak by more. */
const RSS_GROWTH_BOUND = 0.5;

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  if (!match) throw new Error('no VmRSS');
  return Number(match[1]) * 1024;
}

describe.skipIf(!baseUrl)(
  'a minute of the working mix on the built server (PostgreSQL: set DATABASE_URL)',
  () => {
    const fault = new FaultServer();
    const receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-length': '0' }).end());
    });
    afterEach(async () => {
      await fault.tearDown();
      receiver.close();
    }, 60_000);

    it('answers every quote, purchase, package event, upload and claim, delivers every event it queued and keeps its memory flat', async () => {
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      const webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
      const options = await fault.prepare('soak', baseUrl, {
        LG_WORKER: 'on',
        LG_WEBHOOK_PRIVATE_NETWORKS: 'allow',
        LG_LOG_LEVEL: 'warn',
      });
      const server = await fault.start(options);
      const pid = server.child.pid as number;
      const shop = await createSoakShop(server.url, options.operatorKey, webhookUrl);
      const mix = new SoakMix(server.url, shop);

      const warmUp = await runAtRate(mix, RATE, WARM_UP_SECONDS);
      const afterWarmUp = rssOf(pid);
      const soak = await runAtRate(mix, RATE, SOAK_SECONDS);
      const atEnd = rssOf(pid);

      expect(mix.errors).toEqual([]);
      expect(warmUp.skipped + soak.skipped).toBe(0);
      const operations = new Set(mix.samples.map((sample) => sample.operation));
      expect([...operations].sort()).toEqual([
        'claim.file',
        'claim.put',
        'claim.session',
        'claim.upload',
        'package.event',
        'package.register',
        'purchase',
        'quote',
      ]);

      const sql = postgres(options.databaseUrl as string, { max: 1, onnotice: () => {} });
      try {
        let pending = -1;
        for (let attempt = 0; attempt < 120 && pending !== 0; attempt += 1) {
          if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 250));
          const [row] = await sql<{ n: number }[]>`
            select count(*)::int as n from deliveries where status <> 'DELIVERED'`;
          pending = row?.n ?? -1;
        }
        expect(pending).toBe(0);
        const [delivered] = await sql<{ webhooks: number; emails: number }[]>`
          select count(*) filter (where channel = 'webhook')::int as webhooks,
                 count(*) filter (where channel = 'email')::int as emails
            from deliveries`;
        expect(delivered?.webhooks).toBeGreaterThan(0);
        expect(delivered?.emails).toBeGreaterThan(0);
      } finally {
        await sql.end({ timeout: 5 });
      }

      expect(atEnd / afterWarmUp - 1).toBeLessThan(RSS_GROWTH_BOUND);
    }, 120_000);
  },
);
