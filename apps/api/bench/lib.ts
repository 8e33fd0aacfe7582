// Shared pieces of the benchmarks: the API as a child process (so the server and the load
// generator each get a core), autocannon runs, and the PostgreSQL bench databases.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import postgres from 'postgres';

const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PG_ADMIN_URL = process.env.LG_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';

/**
 * Node flags of `pnpm start` (apps/api/package.json), so the bench runs what production runs.
 * LG_BENCH_NODE_FLAGS adds some for a look inside (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
 */
const NODE_FLAGS = [
  '--enable-source-maps',
  `--max-semi-space-size=${process.env.LG_BENCH_SEMI ?? 16}`,
  ...(process.env.LG_BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []),
];

export interface BenchOptions {
  /** Seconds per measured autocannon run. */
  duration: number;
  /** Log level of the server under test. */
  logLevel: string;
}

function pgUrl(database: string): string {
  return `${PG_ADMIN_URL}/${database}`;
}

/** Drops and recreates a bench database. Refuses names that don't start with lg_bench. */
export async function recreateDatabase(name: string): Promise<string> {
  if (!/^lg_bench[a-z0-9_]*$/.test(name)) throw new Error(`not a bench database: ${name}`);
  const admin = postgres(pgUrl('postgres'), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  return pgUrl(name);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ChildServer {
  url: string;
  port: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server at ${url} did not answer within ${timeoutMs} ms`);
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function spawnLogged(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, {
    cwd: apiDir,
    env,
    // The server's own logs go nowhere (they are written all the same, as in production);
    // start-up failures still reach the terminal.
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

export interface ApiServer extends ChildServer {
  operatorKey: string;
  /** The server's LG_SECRET, so a benchmark can sign quotes as the server would. */
  secret: string;
  /** The demo storefront bootstrap creates (allowed origins: this server's own). */
  demo: { storefrontId: string; publishableKey: string; secretKey: string };
}

/** Starts the built API (`dist/main.js`, as `pnpm start` does) with its own data directory. */
export async function startApi(
  options: {
    databaseUrl?: string;
    logLevel: string;
    env?: Record<string, string>;
    /** Node flags besides `pnpm start`'s, e.g. `--import` of bench/server-probe.mjs. */
    nodeFlags?: string[];
  },
  operatorKey = `op_${randomBytes(24).toString('base64url')}`,
): Promise<ApiServer> {
  // LG_BENCH_API_MAIN: another build of the API, to compare before/after a change.
  const main = path.resolve(process.env.LG_BENCH_API_MAIN ?? path.join(apiDir, 'dist/main.js'));
  if (!existsSync(main))
    throw new Error('apps/api/dist is missing: run `pnpm bench` from the root');
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lg-bench-'));
  const secret = randomBytes(32).toString('hex');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'development',
    PORT: String(port),
    HOST: '127.0.0.1',
    LG_DATA_DIR: dataDir,
    LG_SECRET: secret,
    LG_BOOTSTRAP_OPERATOR_KEY: operatorKey,
    // The limiter stays in the path, counting every request; its limits are raised so the
    // load generator is not throttled.
    LG_RATE_LIMITS: 'pk=1000000000,sk=1000000000,op=1000000000,member=1000000000,ip=1000000000',
    LG_LOG_LEVEL: options.logLevel,
    LG_WORKER: 'off',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...options.env,
  };
  const child = spawnLogged([...NODE_FLAGS, ...(options.nodeFlags ?? []), main], env);
  const url = `http://127.0.0.1:${port}`;
  let demo: ApiServer['demo'];
  try {
    await waitForHttp(`${url}/healthz`, child, 60_000);
    // The demo storefront is made just after the server starts listening.
    const credentials = path.join(dataDir, 'credentials.json');
    const deadline = Date.now() + 30_000;
    while (!existsSync(credentials) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    demo = JSON.parse(readFileSync(credentials, 'utf8'));
  } catch (error) {
    await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    port,
    child,
    operatorKey,
    secret,
    demo,
    async stop() {
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The bare `node:http` baseline: answers every request with `body`. */
export async function startBare(body: string): Promise<ChildServer> {
  const port = await freePort();
  const child = spawnLogged(
    [...NODE_FLAGS, '--import', 'tsx', path.join(apiDir, 'bench/bare-server.ts')],
    { PATH: process.env.PATH, PORT: String(port), BARE_BODY: body },
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/healthz`, child, 30_000);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return { url, port, child, stop: () => stopChild(child) };
}

export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string; json: unknown }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // reported by the caller
  }
  return { status: response.status, text, json };
}

/** CPU seconds (user + system) a process has used so far, from /proc; null off Linux. */
function cpuSecondsOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the file, in clock ticks (100 per second).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

export interface LoadResult {
  requests: number;
  /** Server CPU time per request in microseconds, when the server's pid was given. */
  cpuUsPerRequest?: number | undefined;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export type LoadOptions = autocannon.Options;

/**
 * One autocannon run; throws when any request failed or was not a 2xx. With `serverPid`, also
 * the server's CPU time per request: less sensitive than req/s to other work on the machine.
 */
export async function load(options: LoadOptions, serverPid?: number): Promise<LoadResult> {
  const cpuBefore = cpuSecondsOf(serverPid);
  const result = await autocannon({ timeout: 10, ...options });
  const cpuAfter = cpuSecondsOf(serverPid);
  const summary: LoadResult = {
    requests: result.requests.total,
    cpuUsPerRequest:
      cpuBefore !== null && cpuAfter !== null && result.requests.total > 0
        ? Math.round(((cpuAfter - cpuBefore) * 1e6) / result.requests.total)
        : undefined,
    rps: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
  if (summary.non2xx > 0 || summary.errors > 0 || summary.timeouts > 0) {
    throw new Error(`load run had failures: ${JSON.stringify(summary)}`);
  }
  return summary;
}

export function fmt(result: LoadResult): string {
  const cpu =
    result.cpuUsPerRequest === undefined ? '' : `, server CPU ${result.cpuUsPerRequest} us/req`;
  return `${Math.round(result.rps).toLocaleString('en-US')} req/s, p50 ${result.p50} ms, p90 ${result.p90} ms, p99 ${result.p99} ms (max ${result.max} ms, ${result.requests.toLocaleString('en-US')} requests${cpu})`;
}

export function log(line: string): void {
  process.stdout.write(`${line}\n`);
}
