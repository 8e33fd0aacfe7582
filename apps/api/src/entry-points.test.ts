// The operator CLI and the outbox worker write rows and deliver events: they must not pay for
// (or depend on) the GraphQL schema. Each built entry point runs as `pnpm lg` and `pnpm worker`
// run it, with a module hook that records every module it loads.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (file: string) => path.join(apiDir, 'dist', file);

let dir: string;
let hook: string;

beforeAll(() => {
  if (!existsSync(dist('cli.js'))) throw new Error('build @lg/api first (pnpm turbo run build)');
  dir = mkdtempSync(path.join(tmpdir(), 'lg-entry-'));
  const hooks = path.join(dir, 'hooks.mjs');
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  appendFileSync(process.env.LG_LOADED_LOG, url + '\\n');
  return next(url, context);
}
`,
  );
  hook = path.join(dir, 'register.mjs');
  writeFileSync(
    hook,
    `import { register } from 'node:module';
register(${JSON.stringify(`file://${hooks}`)});
`,
  );
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  loaded: () => string[];
}

function run(entry: string, args: string[], name: string): Run {
  const log = path.join(dir, `${name}.log`);
  writeFileSync(log, '');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    LG_DATA_DIR: path.join(dir, `${name}-data`),
    LG_LOADED_LOG: log,
    LG_LOG_LEVEL: 'info',
    PORT: '0',
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', hook, dist(entry), ...args], {
    cwd: apiDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    loaded: () => readFileSync(log, 'utf8').split('\n').filter(Boolean),
  };
}

async function runUntil(
  entry: string,
  name: string,
  ready: RegExp,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<string[]> {
  const started = run(entry, [], name);
  for (let i = 0; i < 600 && !ready.test(started.output()); i++) {
    if (started.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(started.output()).toMatch(ready);
  started.child.kill(signal);
  await started.exited;
  return started.loaded();
}

const schemaModules = (urls: string[]) =>
  urls.filter((url) => /\/@pothos\/|\/@apollo\/server\/|\/dist\/graphql\//.test(url));

describe('entry points without the GraphQL layer', () => {
  it('the API server itself loads Pothos (the hook sees what a process loads)', async () => {
    // Killed outright: only what it loaded matters here (shutdown has tests of its own).
    const loaded = await runUntil('main.js', 'api', /API listening/, 'SIGKILL');
    expect(schemaModules(loaded).length).toBeGreaterThan(0);
  }, 120_000);

  it('pnpm lg creates a storefront without loading Pothos or the schema', async () => {
    const cli = run('cli.js', ['storefront', 'create', '--name', 'Entry Shop'], 'cli');
    expect(await cli.exited).toBe(0);
    expect(cli.output()).toMatch(/secret key/);
    expect(cli.loaded().some((url) => url.includes('/dist/services/'))).toBe(true);
    expect(schemaModules(cli.loaded())).toEqual([]);
  }, 120_000);

  it('pnpm worker runs the dispatcher without loading Pothos or the schema', async () => {
    const loaded = await runUntil('worker.js', 'worker', /outbox worker running/);
    expect(loaded.some((url) => url.includes('/dist/outbox/'))).toBe(true);
    expect(schemaModules(loaded)).toEqual([]);
  }, 120_000);
});
