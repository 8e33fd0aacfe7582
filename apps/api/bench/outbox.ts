// `pnpm --filter @lg/api run bench:outbox`: how fast the outbox delivers webhooks to a local
// receiver, on the embedded PGlite and on PostgreSQL.
//   throughput: a backlog of events is committed first, then one dispatcher (production
//     defaults) drains it; events/s = events / time until the receiver has them all.
//   latency: events are committed at a steady rate while the dispatcher runs (woken by the
//     commit's NOTIFY, as inside `pnpm start`); latency = receipt at the receiver - the moment
//     the committing transaction returned. p50/p99.
// The receiver is a bare node:http server in a child process (answers 200 at once), so it does
// not share the dispatcher's event loop. Loopback only.
//   pnpm --filter @lg/api run bench:outbox -- [--events=5000] [--rates=50,200] [--seconds=10]
//     [--storefronts=16] [--db=pglite,postgres]
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { type App, createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { Dispatcher } from '../src/outbox/dispatcher.js';
import { enqueueEvent } from '../src/outbox/enqueue.js';
import { createStorefront } from '../src/services/storefronts/create-storefront.js';

const PG_ADMIN_URL = process.env.LG_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';

interface Options {
  events: number;
  rates: number[];
  seconds: number;
  storefronts: number;
  databases: ('pglite' | 'postgres')[];
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    events: 5000,
    rates: [50, 200],
    seconds: 10,
    storefronts: 16,
    databases: ['pglite', 'postgres'],
  };
  for (const arg of argv) {
    if (arg === '--') continue;
    const [flag, value = ''] = arg.split('=', 2);
    if (flag === '--events') options.events = Number(value);
    else if (flag === '--rates') options.rates = value.split(',').map(Number);
    else if (flag === '--seconds') options.seconds = Number(value);
    else if (flag === '--storefronts') options.storefronts = Number(value);
    else if (flag === '--db') options.databases = value.split(',') as Options['databases'];
    else throw new Error(`unknown argument ${arg}`);
  }
  return options;
}

// ---- the receiver, in its own process ----

const RECEIVER = `
const http = require('node:http');
const receipts = new Map();
let expected = Infinity;
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const at = performance.timeOrigin + performance.now();
    const id = req.headers['lg-event-id'];
    if (!receipts.has(id)) receipts.set(id, at);
    res.writeHead(200);
    res.end();
    if (receipts.size >= expected) report();
  });
});
server.keepAliveTimeout = 65000;
function report() { process.send({ receipts: [...receipts] }); receipts.clear(); expected = Infinity; }
process.on('message', (m) => { if (m.expect !== undefined) { expected = m.expect; if (receipts.size >= expected) report(); } });
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
`;

interface Receiver {
  url: string;
  /** Resolves with each event's receipt time once `count` distinct events arrived. */
  collect(count: number, timeoutMs: number): Promise<Map<string, number>>;
  close(): void;
}

async function startReceiver(): Promise<Receiver> {
  const child: ChildProcess = spawn(process.execPath, ['-e', RECEIVER], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve) =>
    child.once('message', (m) => resolve((m as { port: number }).port)),
  );
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    collect(count, timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`receiver: not all ${count} events arrived`)),
          timeoutMs,
        );
        child.once('message', (m) => {
          clearTimeout(timer);
          resolve(new Map((m as { receipts: [string, number][] }).receipts));
        });
        child.send({ expect: count });
      });
    },
    close: () => child.kill(),
  };
}

// ---- the app under test ----

async function openApp(
  database: 'pglite' | 'postgres',
): Promise<{ app: App; dispose(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lg-bench-outbox-'));
  let dropDatabase: (() => Promise<void>) | null = null;
  let databaseUrl: string | undefined;
  if (database === 'postgres') {
    const name = 'lg_bench_outbox';
    const admin = postgres(`${PG_ADMIN_URL}/postgres`, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
    databaseUrl = `${PG_ADMIN_URL}/${name}`;
    dropDatabase = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    };
  }
  const config = loadConfig({
    LG_DATA_DIR: dataDir,
    LG_SECRET: randomBytes(32).toString('hex'),
    LG_WORKER: 'off',
    LG_LOG_LEVEL: 'warn',
    // The receiver runs on loopback.
    LG_WEBHOOK_PRIVATE_NETWORKS: 'allow',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const app = await createApp(config, { logger: createLogger('warn') });
  return {
    app,
    async dispose() {
      await app.close();
      await dropDatabase?.();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function createShops(app: App, count: number, webhookUrl: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const created = await createStorefront(
      app.db,
      { name: `Bench shop ${i}`, allowedOrigins: [], webhookUrl },
      { allowPrivateNetworks: app.config.webhookPrivateNetworks },
    );
    if (!created.ok) throw new Error('createStorefront failed');
    ids.push(created.value.storefront.id);
  }
  return ids;
}

/** One committed event, shaped like a claim's (a few hundred bytes of JSON). */
async function commitEvent(app: App, storefrontId: string, aggregateId: string): Promise<string> {
  return app.db.transaction((tx) =>
    enqueueEvent(
      tx,
      {
        storefrontId,
        type: 'claim.status_changed',
        aggregateId,
        data: {
          id: aggregateId,
          reference: 'M1042+SO-88817+Claim',
          status: 'UNDER_REVIEW',
          type: 'LOSS',
          filedAt: new Date().toISOString(),
          missingDocuments: [],
          package: {
            trackingNumber: 'TRK1',
            status: 'LOST',
            declaredValue: { amount: '120.00', currencyCode: 'USD' },
          },
          decision: null,
        },
      },
      new Date(),
    ),
  );
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

async function throughput(database: 'pglite' | 'postgres', options: Options, receiver: Receiver) {
  const { app, dispose } = await openApp(database);
  try {
    const shops = await createShops(app, options.storefronts, receiver.url);
    // 5 events per aggregate (a claim's life), so ordering per claim is part of the work.
    const aggregates = Array.from({ length: Math.ceil(options.events / 5) }, () => randomUUID());
    for (let i = 0; i < options.events; i += 1) {
      const aggregate = aggregates[i % aggregates.length] as string;
      await commitEvent(app, shops[i % shops.length] as string, aggregate);
    }
    const dispatcher = new Dispatcher(app, { listen: false });
    const collecting = receiver.collect(options.events, 600_000);
    const started = performance.now();
    dispatcher.start();
    await collecting;
    const seconds = (performance.now() - started) / 1000;
    await dispatcher.stop();
    return { eventsPerSecond: Math.round(options.events / seconds), seconds };
  } finally {
    await dispose();
  }
}

async function latency(
  database: 'pglite' | 'postgres',
  options: Options,
  rate: number,
  receiver: Receiver,
) {
  const { app, dispose } = await openApp(database);
  try {
    const shops = await createShops(app, options.storefronts, receiver.url);
    const dispatcher = new Dispatcher(app);
    dispatcher.start();
    await new Promise((resolve) => setTimeout(resolve, 200)); // LISTEN is in place
    const total = Math.round(rate * options.seconds);
    const committed = new Map<string, number>();
    const collecting = receiver.collect(total, 120_000);
    const interval = 1000 / rate;
    const started = performance.now();
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < total; i += 1) {
      const due = started + i * interval;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      inFlight.push(
        commitEvent(app, shops[i % shops.length] as string, randomUUID()).then((id) => {
          committed.set(id, performance.timeOrigin + performance.now());
        }),
      );
    }
    await Promise.all(inFlight);
    const receipts = await collecting;
    await dispatcher.stop();
    const latencies = [...committed]
      .map(([id, at]) => (receipts.get(id) ?? Number.NaN) - at)
      .filter((ms) => Number.isFinite(ms))
      .sort((a, b) => a - b);
    return {
      events: total,
      rate,
      p50: Number(percentile(latencies, 50).toFixed(1)),
      p99: Number(percentile(latencies, 99).toFixed(1)),
      max: Number((latencies.at(-1) ?? Number.NaN).toFixed(1)),
    };
  } finally {
    await dispose();
  }
}

async function postgresReachable(): Promise<boolean> {
  const client = postgres(`${PG_ADMIN_URL}/postgres`, {
    max: 1,
    connect_timeout: 3,
    onnotice: () => {},
  });
  try {
    await client`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await client.end({ timeout: 1 });
  }
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  process.stdout.write(
    `node ${process.version}, ${availableParallelism()} cores; ${options.events} events backlog, ` +
      `${options.rates.join(' and ')}/s for ${options.seconds} s, ${options.storefronts} storefronts\n`,
  );
  const receiver = await startReceiver();
  const rows: string[] = [];
  try {
    for (const database of options.databases) {
      if (database === 'postgres' && !(await postgresReachable())) {
        process.stdout.write('postgres: not reachable, skipped\n');
        continue;
      }
      const drained = await throughput(database, options, receiver);
      process.stdout.write(
        `${database}: throughput ${drained.eventsPerSecond} events/s (${drained.seconds.toFixed(1)} s)\n`,
      );
      for (const rate of options.rates) {
        const steady = await latency(database, options, rate, receiver);
        process.stdout.write(
          `${database}: latency at ${steady.rate}/s p50 ${steady.p50} ms, p99 ${steady.p99} ms, max ${steady.max} ms\n`,
        );
        rows.push(
          `| ${database} | ${drained.eventsPerSecond} | ${steady.rate} | ${steady.p50} | ${steady.p99} |`,
        );
      }
    }
  } finally {
    receiver.close();
  }
  process.stdout.write(
    `\n| database | drain (events/s) | steady rate (events/s) | p50 commit->receipt (ms) | p99 (ms) |\n|---|---|---|---|---|\n${rows.join('\n')}\n`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
