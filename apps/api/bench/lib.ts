// Shared pieces of the benchmarks: the API as a child process (so the server and the load
// generator each get a core), autocannon runs, and the PostgreSQL bench databases.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import postgres from 'postgres';

const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PG_ADMIN_URL = process.env.LG_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';

/**
 * The API's start command (apps/api/package.json `start`, what `pnpm start` runs) split into
 * Node's flags and the script, so the bench runs what production runs. LG_BENCH_SEMI overrides
 * the semi-space size to compare settings.
 */
function readStartCommand(): { flags: string[]; script: string } {
  const manifest = JSON.parse(readFileSync(path.join(apiDir, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const words = (manifest.scripts.start ?? '').trim().split(/\s+/);
  const script = words.at(-1);
  if (words[0] !== 'node' || !script?.endsWith('.js')) {
    throw new Error(
      `apps/api's start script is not "node [flags] file.js": ${manifest.scripts.start}`,
    );
  }
  const semi = process.env.LG_BENCH_SEMI;
  const flags = words
    .slice(1, -1)
    .map((flag) =>
      semi && flag.startsWith('--max-semi-space-size=') ? `--max-semi-space-size=${semi}` : flag,
    );
  return { flags, script };
}

const START = readStartCommand();
/** Node flags of the start command, for the API and for the bare baseline alike. */
const NODE_FLAGS = START.flags;

export interface BenchOptions {
  /** Seconds per measured autocannon run. */
  duration: number;
  /** Log level of the server under test (production's is info). */
  logLevel: string;
  /** Where the API under test logs to (default 'file'). */
  logTo?: LogSink;
  /** Concurrent connections of the quote load (default 50). */
  connections?: number;
}

/**
 * Where the API's standard output (its log) goes: a file, as `pnpm start > api.log`; a pipe
 * read by another process (`cat`, standing in for a log shipper), as `pnpm start | shipper`;
 * or nowhere (/dev/null).
 */
export type LogSink = 'file' | 'pipe' | 'null';
export const LOG_SINKS: readonly LogSink[] = ['file', 'pipe', 'null'];

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

export async function freePort(): Promise<number> {
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
    // The baseline's output goes nowhere; start-up failures still reach the terminal.
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

/**
 * Spawns the API with its standard output sent to `sink` (the log file is `logFile` for 'file'
 * and 'pipe'). Returns the API process and, for 'pipe', the reader process.
 */
function spawnApi(
  args: string[],
  env: NodeJS.ProcessEnv,
  sink: LogSink,
  logFile: string,
): { child: ChildProcess; reader: ChildProcess | null } {
  if (sink === 'pipe') {
    const child = spawn(process.execPath, args, {
      cwd: apiDir,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const out = openSync(logFile, 'w');
    // The reader gets the pipe's file descriptor itself: the bench process copies nothing.
    const reader = spawn('cat', [], { stdio: [child.stdout ?? 'ignore', out, 'inherit'] });
    closeSync(out);
    child.stdout?.destroy();
    return { child, reader };
  }
  const out = sink === 'file' ? openSync(logFile, 'w') : 'ignore';
  const child = spawn(process.execPath, args, {
    cwd: apiDir,
    env,
    stdio: ['ignore', out, 'inherit'],
  });
  if (typeof out === 'number') closeSync(out);
  return { child, reader: null };
}

/** Lines of a log file that contain `text` (0 when the file does not exist). */
export function countLines(file: string, text: string): number {
  if (!existsSync(file)) return 0;
  let lines = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) if (line.includes(text)) lines += 1;
  return lines;
}
export interface ApiServer extends ChildServer {
  /** The file the API's log goes to ('file' and 'pipe' sinks), in its data directory. */
  logFile: string;
  /** Stops the API and, for the 'pipe' sink, waits for its reader; keeps the data directory. */
  stopKeepingData(): Promise<void>;
  /** Removes the data directory (the log with it). */
  cleanUp(): void;
  operatorKey: string;
  /** The server's LG_SECRET, so a benchmark can sign quotes as the server would. */
  secret: string;
  /** The demo storefront bootstrap creates (allowed origins: this server's own). */
  demo: { storefrontId: string; publishableKey: string; secretKey: string };
}

/**
 * Starts the built API as its start command does (`node <flags> dist/main.js`, from
 * apps/api/package.json) with its own data directory, its log written to `logTo` (default: a
 * file, as a production server's standard output would be).
 */
export async function startApi(
  options: {
    databaseUrl?: string;
    logLevel: string;
    logTo?: LogSink;
    env?: Record<string, string>;
    /** Node flags besides `pnpm start`'s, e.g. `--import` of bench/server-probe.mjs. */
    nodeFlags?: string[];
  },
  operatorKey = `op_${randomBytes(24).toString('base64url')}`,
): Promise<ApiServer> {
  // LG_BENCH_API_MAIN: another build of the API, to compare before/after a change.
  const main = path.resolve(process.env.LG_BENCH_API_MAIN ?? path.join(apiDir, START.script));
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
  const logFile = path.join(dataDir, 'api.log');
  // LG_BENCH_NODE_FLAGS: more flags for the API only, e.g. `--cpu-prof --cpu-prof-dir=/tmp/p`.
  const extraFlags = process.env.LG_BENCH_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? [];
  const { child, reader } = spawnApi(
    [...NODE_FLAGS, ...extraFlags, ...(options.nodeFlags ?? []), main],
    env,
    options.logTo ?? 'file',
    logFile,
  );
  const stopReader = () =>
    new Promise<void>((resolve) => {
      if (!reader || reader.exitCode !== null || reader.signalCode !== null) return resolve();
      reader.once('exit', () => resolve());
    });
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
    await stopReader();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const cleanUp = () => rmSync(dataDir, { recursive: true, force: true });
  const stopKeepingData = async () => {
    await stopChild(child);
    await stopReader();
  };
  return {
    url,
    port,
    child,
    logFile,
    stopKeepingData,
    cleanUp,
    operatorKey,
    secret,
    demo,
    async stop() {
      await stopKeepingData();
      cleanUp();
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
