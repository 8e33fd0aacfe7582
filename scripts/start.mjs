// `pnpm start`: install, build the API and the packages it uses, and run it, saying what
// happens and how long each step takes. The API's own steps (database, migrations, demo data,
// listening) are shown by the API itself (apps/api/src/start-phases.ts), which ends with
// "ready in X s (install ..., build ..., ...)". Standard output is the API's log, untouched: this
// script is not in its path. `pnpm worker` and `pnpm bench` keep their one-line scripts.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const apiDir = path.join(root, 'apps/api');
const t0 = Date.now();
const phases = [];

const say = (line) => process.stderr.write(`lg start: ${line}\n`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/**
 * The environment of the build: without the server's run-time settings. turbo.json lists them
 * in globalEnv (the tests read them), so they are part of every task's hash: `PORT=4001 pnpm
 * start` after `pnpm start` rebuilt every package (~20 s here) though no build reads them.
 */
function buildEnv() {
  const turbo = JSON.parse(readFileSync(path.join(root, 'turbo.json'), 'utf8'));
  const env = { ...process.env };
  for (const name of turbo.globalEnv ?? [])
    if (name !== 'NODE_ENV' && name !== 'CI') delete env[name];
  return env;
}

/** Runs a command; its output is kept and shown only if it fails. */
function run(command, args, onLine = () => {}, env = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let partial = '';
    const read = (chunk) => {
      output += chunk;
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(output);
      else {
        process.stderr.write(output);
        reject(new Error(`${command} ${args.join(' ')} exited with ${code}`));
      }
    });
  });
}

async function step(name, what, work) {
  say(`${what}…`);
  const started = Date.now();
  const detail = await work();
  const ms = Date.now() - started;
  phases.push([name, ms]);
  say(`${name} done (${seconds(ms)}${detail ? `; ${detail}` : ''})`);
}

/** The build's tasks from turbo's run summary: which ran and for how long, which were cached. */
function readSummary(output) {
  const file = /Summary:\s+(\S+\.json)/.exec(output)?.[1];
  if (!file) return null;
  try {
    const summary = JSON.parse(readFileSync(file, 'utf8'));
    return summary.tasks.map((task) => ({
      name: task.package,
      cached: task.cache?.status === 'HIT',
      ms: task.execution ? task.execution.endTime - task.execution.startTime : 0,
    }));
  } catch {
    return null;
  } finally {
    rmSync(file, { force: true });
  }
}

async function main() {
  await step('install', 'installing dependencies (pnpm install --frozen-lockfile)', async () => {
    await run('pnpm', ['install', '--frozen-lockfile', '--reporter=silent']);
  });
  await step('build', 'building the API and the packages it uses (turbo)', async () => {
    // Output of tasks that run is kept and shown only on failure, as --output-logs=errors-only
    // would; each task is named as it starts, and the run summary gives its time.
    // turbo itself, not through `pnpm exec`: a pnpm start is ~0.3 s of a warm start.
    const output = await run(
      path.join(root, 'node_modules/.bin/turbo'),
      ['run', 'build', '--filter=@lg/api...', '--output-logs=new-only', '--summarize'],
      (line) => {
        const started = /^(@lg\/[\w-]+):build: cache (miss|bypass)/.exec(line);
        if (started) say(`  building ${started[1]}…`);
      },
      buildEnv(),
    );
    const tasks = readSummary(output);
    if (!tasks) return '';
    const built = tasks.filter((task) => !task.cached);
    for (const task of built) say(`  ${task.name} built in ${seconds(task.ms)}`);
    return `${tasks.length} packages, ${tasks.length - built.length} up to date`;
  });

  // The API as its own start script runs it (apps/api/package.json), from apps/api so its data
  // directory is apps/api/.data; its log goes straight to this process's standard output.
  const manifest = JSON.parse(readFileSync(path.join(apiDir, 'package.json'), 'utf8'));
  const [command, ...args] = manifest.scripts.start.trim().split(/\s+/);
  say('starting the API…');
  const api = spawn(command === 'node' ? process.execPath : command, args, {
    cwd: apiDir,
    stdio: 'inherit',
    // Its own process group: a signal to this script's group (Ctrl-C, `kill -- -pgid`) reaches
    // the API once, passed on below, not twice (the API's second signal means "exit now").
    detached: true,
    env: {
      ...process.env,
      LG_INBOUND_SMTP_PORT: process.env.LG_INBOUND_SMTP_PORT ?? '2525',
      LG_START_PROGRESS: '1',
      LG_START_T0: String(t0),
      LG_START_PHASES: phases.map(([name, ms]) => `${name}=${ms}`).join(','),
    },
  });
  // pnpm passes a signal on to this script as the terminal or a process manager may too: the
  // same signal twice within a moment is one request to stop.
  const passed = new Map();
  const passOn = (signal) => {
    const last = passed.get(signal) ?? 0;
    if (Date.now() - last < 250) return;
    passed.set(signal, Date.now());
    api.kill(signal);
  };
  process.on('SIGINT', () => passOn('SIGINT'));
  process.on('SIGTERM', () => passOn('SIGTERM'));
  // A closed terminal (SIGHUP) or a quit (SIGQUIT) stops the API too: in its own group, it would
  // otherwise outlive this script, holding the port and the embedded database.
  process.on('SIGHUP', () => passOn('SIGTERM'));
  process.on('SIGQUIT', () => passOn('SIGTERM'));
  // And if this script ends any other way (an error), the API is not left behind. (SIGKILL of
  // this script cannot be caught: stop the API's group then, `kill -- -<its pid>`.)
  process.on('exit', () => {
    if (api.exitCode === null && api.signalCode === null) api.kill('SIGTERM');
  });
  api.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main().catch((error) => {
  say(`failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
