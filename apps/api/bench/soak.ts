// The soak: the built API on PostgreSQL (worker on, a webhook endpoint on loopback, emails to
// files as without SMTP) under a working deployment's mix (src/faults/soak-mix.ts: quotes 80 %,
// purchases 10 %, packages 8 %, claims and uploads 2 %) at half the capacity measured first,
// for 10 minutes by default (`--soak=SECONDS` or LG_BENCH_SOAK_SECONDS). Per minute: p99 per
// operation, errors, and from inside the server (bench/server-probe.mjs, preloaded only here)
// its event-loop delay, GC pauses and RSS; the bench process's own event-loop delay and how
// late it started requests, so the load generator's share of the tail shows. At the end: RSS
// growth after warm-up and the outbox's pending deliveries. LG_BENCH_SOAK_WORKER=process runs
// the outbox dispatcher as `pnpm worker` does, in a process of its own (the API with
// LG_WORKER=off), instead of inside the API as `pnpm start` does; LG_BENCH_SOAK_RATE fixes the
// rate (steps per second) instead of half the measured capacity.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import {
  createSoakShop,
  measureCapacity,
  percentile,
  runAtRate,
  type Sample,
  SoakMix,
} from '../src/faults/soak-mix.js';
import { type BenchOptions, log, recreateDatabase, startApi } from './lib.js';

const DATABASE = 'lg_bench_soak';
const PROBE = fileURLToPath(new URL('./server-probe.mjs', import.meta.url));
const CAPACITY_CLIENTS = 16;

interface ProbeLine {
  t: number;
  rss: number;
  heapUsed: number;
  eld: { p50: number; p99: number; max: number; mean: number };
  gc: { count: number; ms: number; maxMs: number; major: number; majorMaxMs: number };
  cpu: { user: number; system: number };
}

export interface SoakMinute {
  minute: number;
  requests: number;
  errors: number;
  /** Steps the generator did not send because 256 were already waiting for an answer. */
  skipped: number;
  p99: Record<string, number>;
  quoteP50: number;
  server: {
    eldP99Max: number;
    eldMax: number;
    gcMs: number;
    gcMaxMs: number;
    majorGcs: number;
    majorGcMaxMs: number;
    /** The median of the minute's per-second readings: one reading swings with the heap. */
    rssMb: number;
  };
  generator: { eldP99: number; lateP99: number };
  /** An idle Node process's event-loop delay: what the machine's scheduling alone costs. */
  idle: { eldP99Max: number; eldMax: number };
  loadAverage: number;
}

export interface SoakResult {
  capacity: number;
  rate: number;
  seconds: number;
  minutes: SoakMinute[];
  errors: number;
  skipped: number;
  rssAfterWarmUpMb: number;
  rssEndMb: number;
  rssGrowth: number;
  pendingAtEnd: number;
  drainedInSeconds: number | null;
}

export async function benchSoak(options: BenchOptions, seconds: number): Promise<SoakResult> {
  const databaseUrl = await recreateDatabase(DATABASE);
  const probeFile = path.join(tmpdir(), `lg-soak-probe-${process.pid}.jsonl`);
  rmSync(probeFile, { force: true });
  const idleFile = path.join(tmpdir(), `lg-soak-idle-${process.pid}.jsonl`);
  rmSync(idleFile, { force: true });
  // The control: a Node process that does nothing but measure its own event-loop delay.
  const idle = spawn(process.execPath, ['--import', PROBE, '-e', 'setInterval(() => {}, 1000)'], {
    env: { PATH: process.env.PATH, LG_BENCH_PROBE_FILE: idleFile },
    stdio: 'ignore',
  });
  // The storefront's webhook endpoint: answers 200 at once.
  const receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-length': '0' }).end());
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  const separateWorker = process.env.LG_BENCH_SOAK_WORKER === 'process';
  const api = await startApi({
    databaseUrl,
    logLevel: options.logLevel,
    nodeFlags: ['--import', PROBE],
    env: {
      LG_WORKER: separateWorker ? 'off' : 'on',
      LG_WEBHOOK_PRIVATE_NETWORKS: 'allow',
      LG_BENCH_PROBE_FILE: probeFile,
      // Every request comes from one loopback address here, not from thousands of shoppers:
      // the limiter still counts, with limits that do not throttle the mix.
      LG_RATE_LIMITS: ['pk', 'sk', 'op', 'member', 'ip', 'upload', 'carrier']
        .map((kind) => `${kind}=1000000000`)
        .join(','),
    },
  });
  const workerDir = mkdtempSync(path.join(tmpdir(), 'lg-soak-worker-'));
  const worker = separateWorker
    ? spawn(
        process.execPath,
        ['--enable-source-maps', fileURLToPath(new URL('../dist/worker.js', import.meta.url))],
        {
          env: {
            PATH: process.env.PATH,
            DATABASE_URL: databaseUrl,
            LG_DATA_DIR: workerDir,
            LG_SECRET: randomBytes(32).toString('hex'),
            LG_LOG_LEVEL: options.logLevel,
            LG_WEBHOOK_PRIVATE_NETWORKS: 'allow',
          },
          stdio: ['ignore', 'ignore', 'inherit'],
        },
      )
    : null;
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const generatorDelay = monitorEventLoopDelay({ resolution: 1 });
  try {
    const shop = await createSoakShop(api.url, api.operatorKey, webhookUrl);
    const mix = new SoakMix(api.url, shop);
    await measureCapacity(mix, CAPACITY_CLIENTS, 5);
    const capacity = await measureCapacity(mix, CAPACITY_CLIENTS, 10);
    // LG_BENCH_SOAK_RATE: a fixed rate instead, to compare two set-ups at the same load.
    const rate = Number(process.env.LG_BENCH_SOAK_RATE) || Math.max(1, Math.round(capacity / 2));
    if (mix.errorCount > 0)
      throw new Error(`the capacity run had errors: ${mix.errors.join('\n')}`);
    log(
      `capacity ${Math.round(capacity)} steps/s (${CAPACITY_CLIENTS} clients, closed loop); ` +
        `soak at ${rate}/s for ${seconds} s, server log level ${options.logLevel}, outbox ` +
        `dispatcher ${separateWorker ? 'in a worker process' : 'inside the API'}`,
    );
    // Let the outbox catch up with the capacity run before the soak starts.
    await drain(sql, 60);
    mix.samples.length = 0;

    const minutes: SoakMinute[] = [];
    const started = Date.now();
    for (let minute = 1; minute * 60 <= seconds + 59; minute += 1) {
      const length = Math.min(60, seconds - (minute - 1) * 60);
      if (length <= 0) break;
      const from = mix.samples.length;
      const errorsBefore = mix.errorCount;
      const windowStart = Date.now();
      generatorDelay.reset();
      generatorDelay.enable();
      const run = await runAtRate(mix, rate, length);
      generatorDelay.disable();
      const samples = mix.samples.slice(from);
      const inWindow = (l: ProbeLine) => l.t >= windowStart && l.t <= Date.now();
      const probe = probeLines(probeFile).filter(inWindow);
      const control = probeLines(idleFile).filter(inWindow);
      const row: SoakMinute = {
        minute,
        requests: samples.length,
        errors: mix.errorCount - errorsBefore,
        skipped: run.skipped,
        p99: p99ByOperation(samples),
        quoteP50:
          Math.round(
            percentile(
              samples.filter((s) => s.operation === 'quote').map((s) => s.ms),
              50,
            ) * 10,
          ) / 10,
        server: {
          eldP99Max: Math.max(0, ...probe.map((l) => l.eld.p99)),
          eldMax: Math.max(0, ...probe.map((l) => l.eld.max)),
          gcMs: Math.round(probe.reduce((sum, l) => sum + l.gc.ms, 0)),
          gcMaxMs: Math.max(0, ...probe.map((l) => l.gc.maxMs)),
          majorGcs: probe.reduce((sum, l) => sum + l.gc.major, 0),
          majorGcMaxMs: Math.max(0, ...probe.map((l) => l.gc.majorMaxMs)),
          rssMb: mb(
            percentile(
              probe.map((l) => l.rss),
              50,
            ),
          ),
        },
        generator: {
          eldP99: Math.round(generatorDelay.percentile(99) / 1e4) / 100,
          lateP99: Math.round(run.lateP99 * 10) / 10,
        },
        idle: {
          eldP99Max: Math.max(0, ...control.map((l) => l.eld.p99)),
          eldMax: Math.max(0, ...control.map((l) => l.eld.max)),
        },
        loadAverage: loadavg()[0] ?? 0,
      };
      minutes.push(row);
      log(formatMinute(row));
      // Keep the samples' memory flat in the bench process too.
      mix.samples.length = 0;
    }
    const soakSeconds = (Date.now() - started) / 1000;
    const [pending] = await sql<{ n: number }[]>`
      select count(*)::int as n from deliveries where status = 'PENDING'`;
    const drainedInSeconds = await drain(sql, 60);
    const lines = probeLines(probeFile);
    // Warm-up: the first fifth of the run (2 of 10 minutes), while the heap grows to its working
    // size; growth is the last minute's median RSS against the first minute after it.
    const warmUpMinutes = Math.floor(minutes.length / 5);
    const afterWarmUp =
      minutes.length > 1
        ? (minutes[warmUpMinutes]?.server.rssMb ?? 0)
        : mb(
            percentile(
              lines.slice(0, 10).map((l) => l.rss),
              50,
            ),
          );
    const end =
      minutes.length > 1
        ? (minutes.at(-1)?.server.rssMb ?? 0)
        : mb(
            percentile(
              lines.slice(-10).map((l) => l.rss),
              50,
            ),
          );
    const errors = minutes.reduce((sum, m) => sum + m.errors, 0);
    const skipped = minutes.reduce((sum, m) => sum + m.skipped, 0);
    const result: SoakResult = {
      capacity,
      rate,
      seconds: soakSeconds,
      minutes,
      errors,
      skipped,
      rssAfterWarmUpMb: afterWarmUp,
      rssEndMb: end,
      rssGrowth: afterWarmUp > 0 ? end / afterWarmUp - 1 : 0,
      pendingAtEnd: pending?.n ?? 0,
      drainedInSeconds,
    };
    log(
      `soak: ${errors} errors, ${skipped} steps not sent; RSS (median of a minute) ` +
        `${afterWarmUp} MB after ${warmUpMinutes} minute(s) of warm-up, ${end} MB at the end ` +
        `(${(result.rssGrowth * 100).toFixed(1)} %); outbox: ${result.pendingAtEnd} deliveries ` +
        `pending at the end, ${drainedInSeconds === null ? 'not drained in 60 s' : `drained ${drainedInSeconds} s later`}`,
    );
    if (mix.errors.length > 0) log(`first errors:\n  ${mix.errors.join('\n  ')}`);
    return result;
  } finally {
    await sql.end({ timeout: 5 });
    await api.stop();
    await new Promise((resolve) => receiver.close(resolve));
    idle.kill();
    worker?.kill();
    rmSync(workerDir, { recursive: true, force: true });
    rmSync(probeFile, { force: true });
    rmSync(idleFile, { force: true });
  }
}

function mb(bytes: number): number {
  return Math.round(bytes / 1e5) / 10;
}

function probeLines(file: string): ProbeLine[] {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as ProbeLine);
  } catch {
    return [];
  }
}

function p99ByOperation(samples: Sample[]): Record<string, number> {
  const by = new Map<string, number[]>();
  for (const sample of samples) {
    const list = by.get(sample.operation) ?? [];
    list.push(sample.ms);
    by.set(sample.operation, list);
  }
  const out: Record<string, number> = {};
  for (const [operation, list] of [...by].sort()) {
    out[operation] = Math.round(percentile(list, 99) * 10) / 10;
  }
  return out;
}

function formatMinute(row: SoakMinute): string {
  const p99 = Object.entries(row.p99)
    .map(([operation, ms]) => `${operation} ${ms}`)
    .join(', ');
  return (
    `minute ${row.minute}: ${row.requests} requests, ${row.errors} errors, ${row.skipped} ` +
    `not sent (256 in flight) | p99 ms: ${p99} | ` +
    `quote p50 ${row.quoteP50} | server: event-loop delay p99 ≤ ${row.server.eldP99Max} ms ` +
    `(max ${row.server.eldMax}), GC ${row.server.gcMs} ms (longest ${row.server.gcMaxMs}; ` +
    `${row.server.majorGcs} major, longest ${row.server.majorGcMaxMs}), ` +
    `RSS ${row.server.rssMb} MB | generator: event-loop delay p99 ${row.generator.eldP99} ms, ` +
    `late p99 ${row.generator.lateP99} ms | idle process: event-loop delay p99 ≤ ` +
    `${row.idle.eldP99Max} ms (max ${row.idle.eldMax}) | load average ${row.loadAverage.toFixed(1)}`
  );
}

/** Seconds until no delivery is pending (null: still some after `limit` seconds). */
async function drain(sql: postgres.Sql, limit: number): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started < limit * 1000) {
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from deliveries where status = 'PENDING'`;
    if ((row?.n ?? 0) === 0) return Math.round((Date.now() - started) / 100) / 10;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return null;
}
