// `pnpm bench`: the benchmarks of BENCHMARKS.md. Runs all by default, or only those named:
//   pnpm --filter @lg/api run bench -- quote purchase claims outbox widget start soak [--duration=10]
//   [--log-level=info] [--log-to=file|pipe|null] [--connections=50] [--claims=10000,1000000]
//   [--soak=600]
// The API runs at production's log level (info) unless told otherwise.
// `start --fresh` also times a first start on a fresh clone of HEAD (bench/start.ts).
// `--soak=SECONDS` (or LG_BENCH_SOAK_SECONDS) shortens the soak, 10 minutes by default.
// `outbox` runs bench/outbox.ts (also `pnpm --filter @lg/api run bench:outbox` with its own
// options) with its defaults.
// The server under test is the built API (dist/main.js) in a child process; the load
// generator (autocannon) runs here, so each gets a core. Loopback only.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { benchClaims } from './claims.js';
import type { BenchOptions } from './lib.js';
import { LOG_SINKS, type LogSink, log } from './lib.js';
import { benchPurchase } from './purchase.js';
import { benchQuote } from './quote.js';
import { benchSoak } from './soak.js';
import { benchStart } from './start.js';
import { benchWidget } from './widget.js';

const KNOWN = [
  'quote',
  'purchase',
  'claims',
  'outbox',
  // Script tag to fee shown in Chromium (bench/widget.ts).
  'widget',
  'start',
  // The working mix at half capacity, 10 minutes (bench/soak.ts).
  'soak',
] as const;
type Name = (typeof KNOWN)[number];

function parseArgs(argv: string[]): {
  names: Name[];
  options: BenchOptions;
  claimCounts: number[];
  startFresh: boolean;
  soakSeconds: number;
} {
  const names: Name[] = [];
  const options: BenchOptions = { duration: 10, logLevel: 'info' };
  let claimCounts = [10_000, 1_000_000];
  let startFresh = false;
  let soakSeconds = Number(process.env.LG_BENCH_SOAK_SECONDS ?? 600);
  for (const arg of argv) {
    if (arg === '--') continue;
    const [flag, value] = arg.split('=', 2);
    if (flag === '--duration' && value) options.duration = Math.min(60, Math.max(1, Number(value)));
    else if (flag === '--log-level' && value) options.logLevel = value;
    else if (flag === '--log-to' && (LOG_SINKS as readonly string[]).includes(value ?? ''))
      options.logTo = value as LogSink;
    else if (flag === '--connections' && value) options.connections = Math.max(1, Number(value));
    else if (flag === '--claims' && value) claimCounts = value.split(',').map(Number);
    else if (arg === '--fresh') startFresh = true;
    else if (flag === '--soak' && value) soakSeconds = Number(value);
    else if ((KNOWN as readonly string[]).includes(arg)) names.push(arg as Name);
    else throw new Error(`unknown argument ${arg}: use ${KNOWN.join(', ')} or --duration=N`);
  }
  if (claimCounts.some((n) => !Number.isInteger(n) || n < 100 || n > 5_000_000)) {
    throw new Error('--claims takes counts between 100 and 5000000');
  }
  if (!Number.isInteger(soakSeconds) || soakSeconds < 10) {
    throw new Error('--soak takes whole seconds, at least 10');
  }
  return {
    names: names.length > 0 ? names : [...KNOWN],
    options,
    claimCounts,
    startFresh,
    soakSeconds,
  };
}

async function main(): Promise<void> {
  const { names, options, claimCounts, startFresh, soakSeconds } = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const os = await import('node:os');
  log(
    `node ${process.version}, ${os.cpus()[0]?.model.trim()}, ${os.availableParallelism()} cores, ` +
      `server log level ${options.logLevel}, ${options.duration} s per run`,
  );
  const results: Record<string, unknown> = {};
  for (const name of names) {
    log(`\n== ${name} ==`);
    if (name === 'quote') results.quote = await benchQuote(options);
    if (name === 'purchase') results.purchase = await benchPurchase(options);
    if (name === 'claims') results.claims = await benchClaims(options, claimCounts);
    if (name === 'outbox') results.outbox = runOutboxBench();
    // Widget (bench/widget.ts): the checkout bundle and a quote in Chromium, against the API.
    if (name === 'widget') results.widget = await benchWidget(options);
    if (name === 'start') results.start = await benchStart({ fresh: startFresh });
    if (name === 'soak') results.soak = await benchSoak(options, soakSeconds);
  }
  log(`\ndone in ${Math.round((Date.now() - started) / 1000)} s`);
  if (process.env.LG_BENCH_JSON) {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(process.env.LG_BENCH_JSON, `${JSON.stringify(results, null, 2)}\n`);
  }
}

/** The outbox bench is its own script (its own processes and databases): run it as one. */
function runOutboxBench(): { exitCode: number | null } {
  const script = fileURLToPath(new URL('./outbox.ts', import.meta.url));
  const run = spawnSync(process.execPath, ['--import', 'tsx', script], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`outbox bench exited with ${run.status}`);
  return { exitCode: run.status };
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
