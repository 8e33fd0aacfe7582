// `pnpm start` as a user meets it: the root start script (install, build, the API) on this
// checkout, spawned as `pnpm start`, timed from the spawn to the first 200 of /readyz and to
// the first quote the demo storefront's key gets. Warm: a built checkout and a data directory
// made by an earlier, untimed start. With --fresh (not part of the default run): a `git clone`
// of this checkout's HEAD into a temporary directory, started once from nothing (install from
// pnpm's store, every package built, a new database, migrations, demo data), then removed.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, log } from './lib.js';
import { QUOTE_DOCUMENT, QUOTE_VARIABLES } from './quote.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const WARM_RUNS = 3;

export interface StartRun {
  /** Seconds from spawning `pnpm start` to the first 200 of /readyz. */
  readySeconds: number;
  /** Seconds to the first quote answered with a fee. */
  quoteSeconds: number;
  /** The start's own summary line ("ready in X s (install ..., build ..., ...)"). */
  summary: string;
  /** The packages the start built, with their times ("@lg/api built in 9.1 s"). */
  built: string[];
}

export interface StartBenchResult {
  warm: StartRun[];
  medianReadySeconds: number;
  medianQuoteSeconds: number;
  fresh?: StartRun;
}

/**
 * One `pnpm start` in `root` on `dataDir`, timed, then stopped with SIGTERM. The ports stay
 * the same from start to start, as a user's would (the demo storefront allows its first
 * start's origin).
 */
async function timeStart(
  root: string,
  dataDir: string,
  ports: { port: number; smtpPort: number },
  timeoutMs: number,
): Promise<StartRun> {
  const { port, smtpPort } = ports;
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn('pnpm', ['start'], {
    cwd: root,
    // Its own process group, stopped as a terminal's Ctrl-C or a process manager would.
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LG_INBOUND_SMTP_PORT: String(smtpPort),
      LG_DATA_DIR: dataDir,
      LG_SHUTDOWN_GRACE_MS: '0',
      LG_LOG_LEVEL: 'info',
    },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  try {
    const readySeconds = await until(child, timeoutMs, started, async () => {
      const response = await fetch(`${url}/readyz`);
      await response.arrayBuffer();
      return response.status === 200;
    });
    const credentials = path.join(dataDir, 'credentials.json');
    const quoteSeconds = await until(child, timeoutMs, started, async () => {
      if (!existsSync(credentials)) return false;
      const { publishableKey } = JSON.parse(readFileSync(credentials, 'utf8'));
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${publishableKey}`,
          origin: url,
        },
        body: JSON.stringify({ query: QUOTE_DOCUMENT, variables: QUOTE_VARIABLES }),
      });
      const body = (await response.json()) as {
        data?: { quoteGuarantee?: { quote?: { fee?: unknown } } };
      };
      return response.status === 200 && Boolean(body.data?.quoteGuarantee?.quote?.fee);
    });
    await until(child, timeoutMs, started, async () => /ready in/.test(stderr));
    const summary = /lg start: (ready in [^\n]*?): http:\/\//.exec(stderr)?.[1] ?? '';
    const built = [...stderr.matchAll(/lg start: +(@lg\/\S+ built in [\d.]+ s)/g)].map(
      (m) => m[1] ?? '',
    );
    return { readySeconds, quoteSeconds, summary, built };
  } catch (error) {
    process.stderr.write(stderr);
    throw error;
  } finally {
    await stop(child);
  }
}

async function until(
  child: ChildProcess,
  timeoutMs: number,
  started: number,
  check: () => Promise<boolean>,
): Promise<number> {
  while (performance.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`pnpm start exited with ${child.exitCode}`);
    try {
      if (await check()) return (performance.now() - started) / 1000;
    } catch {
      // not answering yet
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`pnpm start did not answer within ${timeoutMs / 1000} s`);
}

/**
 * SIGTERM to the start's process group (pnpm, the start script, which passes it on to the
 * API), then waits until every process of the start is gone: the next start opens the same
 * data directory and port.
 */
async function stop(child: ChildProcess): Promise<void> {
  if (child.pid === undefined) return;
  const processes = descendantsOf(child.pid);
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
  const deadline = Date.now() + 30_000;
  while (processes.some(isAlive)) {
    if (Date.now() > deadline) {
      for (const pid of processes.filter(isAlive)) process.kill(pid, 'SIGKILL');
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** `pid` and every process below it, from /proc. */
function descendantsOf(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // exited meanwhile
    }
  }
  const found = [pid];
  for (let i = 0; i < found.length; i += 1) {
    for (const [child, parent] of parents) if (parent === found[i]) found.push(child);
  }
  return found;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
}

function show(label: string, run: StartRun): void {
  log(
    `${label}: /readyz 200 after ${run.readySeconds.toFixed(2)} s, first quote after ` +
      `${run.quoteSeconds.toFixed(2)} s; ${run.summary}`,
  );
}

export async function benchStart(options: { fresh: boolean }): Promise<StartBenchResult> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lg-bench-start-'));
  try {
    log('warm start: `pnpm start` on this built checkout, data directory from an earlier start');
    const ports = { port: await freePort(), smtpPort: await freePort() };
    await timeStart(repoRoot, dataDir, ports, 300_000); // makes the data directory; not timed
    const warm: StartRun[] = [];
    for (let run = 1; run <= WARM_RUNS; run += 1) {
      const result = await timeStart(repoRoot, dataDir, ports, 120_000);
      show(`warm start ${run}`, result);
      warm.push(result);
    }
    const result: StartBenchResult = {
      warm,
      medianReadySeconds: median(warm.map((r) => r.readySeconds)),
      medianQuoteSeconds: median(warm.map((r) => r.quoteSeconds)),
    };
    log(
      `warm start, median of ${WARM_RUNS}: /readyz ${result.medianReadySeconds.toFixed(2)} s, ` +
        `first quote ${result.medianQuoteSeconds.toFixed(2)} s (target: within 5 s)`,
    );
    if (options.fresh) result.fresh = await freshStart();
    return result;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A first start on a fresh clone of HEAD (uncommitted changes are not in it). */
async function freshStart(): Promise<StartRun> {
  const parent = mkdtempSync(path.join(tmpdir(), 'lg-bench-clone-'));
  const clone = path.join(parent, 'logistics-guarantee');
  try {
    const cloned = spawnSync('git', ['clone', '--quiet', repoRoot, clone], { stdio: 'inherit' });
    if (cloned.status !== 0) throw new Error('git clone failed');
    log(`fresh clone: \`pnpm start\` in ${clone} (nothing installed, built or stored yet)`);
    const ports = { port: await freePort(), smtpPort: await freePort() };
    const run = await timeStart(clone, path.join(clone, 'apps/api/.data'), ports, 600_000);
    show('fresh clone', run);
    log(`  built: ${run.built.join(', ')}`);
    log('  (target: within 30 s)');
    return run;
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
}
