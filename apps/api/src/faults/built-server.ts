// The built API as `pnpm start` runs it (`node dist/main.js`, production mode), started as a
// child process on a free loopback port: the fault tests stop it with real signals and
// restart it on its database. turbo builds the API before its tests (turbo.json).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const BUILT_MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Milliseconds from the last `signal()` to the exit (null when never signalled). */
  afterSignalMs: number | null;
}

export interface ServerProcess {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** Everything the process wrote, stdout and stderr. */
  output(): string;
  /** Log records (stdout lines that are JSON). */
  records(): Record<string, unknown>[];
  readonly exited: Promise<Exit>;
  signal(signal: NodeJS.Signals): void;
}

export interface BuiltServerOptions {
  port: number;
  dataDir: string;
  secret: string;
  operatorKey: string;
  databaseUrl?: string | undefined;
  env?: Record<string, string>;
}

/** A port nothing listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Starts `node dist/main.js` with NODE_ENV=production and waits until /readyz answers 200. */
export async function startBuiltServer(options: BuiltServerOptions): Promise<ServerProcess> {
  if (!existsSync(BUILT_MAIN)) {
    throw new Error(`${BUILT_MAIN} is missing: build the API first (pnpm turbo run build)`);
  }
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    // Vitest's own settings stay with the test runner.
    if (value !== undefined && !name.startsWith('VITEST') && name !== 'DATABASE_URL')
      env[name] = value;
  }
  Object.assign(env, {
    NODE_ENV: 'production',
    PORT: String(options.port),
    HOST: '127.0.0.1',
    LG_DATA_DIR: options.dataDir,
    LG_SECRET: options.secret,
    LG_BOOTSTRAP_OPERATOR_KEY: options.operatorKey,
    LG_RATE_LIMITS: 'off',
    LG_LOG_LEVEL: 'info',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...options.env,
  });
  // The flags of the package's `start` script.
  const child = spawn(
    process.execPath,
    ['--enable-source-maps', '--max-semi-space-size=16', BUILT_MAIN],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  let signalledAt: number | null = null;
  const exited = new Promise<Exit>((resolve) => {
    child.on('exit', (code, signal) =>
      resolve({
        code,
        signal,
        afterSignalMs: signalledAt === null ? null : Math.round(performance.now() - signalledAt),
      }),
    );
  });
  let gone = false;
  void exited.then(() => {
    gone = true;
  });

  const url = `http://127.0.0.1:${options.port}`;
  const server: ServerProcess = {
    url,
    port: options.port,
    child,
    output: () => output,
    records: () =>
      output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    exited,
    signal(signal) {
      signalledAt = performance.now();
      child.kill(signal);
    },
  };

  // Migrations and start-up take a second or two; a start that fails says why.
  for (let attempt = 0; attempt < 600 && !gone; attempt += 1) {
    try {
      const response = await fetch(`${url}/readyz`);
      await response.arrayBuffer();
      if (response.status === 200) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  server.signal('SIGKILL');
  throw new Error(`the built API did not become ready:\n${output.slice(-3000)}`);
}

/** Ends a server a test left running (after a failure, say) so no process outlives the test. */
export async function killIfRunning(server: ServerProcess | undefined): Promise<void> {
  if (server && server.child.exitCode === null && server.child.signalCode === null) {
    server.signal('SIGKILL');
    await server.exited;
  }
}
