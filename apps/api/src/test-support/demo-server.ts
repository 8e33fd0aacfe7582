// The API started as `pnpm start` starts it, demo storefront included, for the demo shop's
// browser tests: its own test database and data dir, a bootstrap operator key, the worker
// and rate limits off, logs silent.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { type RunningServer, startServer } from '../start-server.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface DemoServer {
  server: RunningServer;
  operatorKey: string;
  /** Stops the server, then drops its database and data dir. */
  close(): Promise<void>;
}

/** `name` tags the data dir. */
export async function startDemoServer(name: string): Promise<DemoServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `lg-${name}-e2e-`));
  const operatorKey = `op_${randomBytes(24).toString('base64url')}`;
  let database: TestDatabase | undefined;
  let server: RunningServer | undefined;
  const close = async () => {
    await server?.close();
    await database?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    database = await createTestDatabase();
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LG_DATA_DIR: dataDir,
      LG_SECRET: randomBytes(32).toString('hex'),
      LG_BOOTSTRAP_OPERATOR_KEY: operatorKey,
      LG_WORKER: 'off',
      LG_RATE_LIMITS: 'off',
      LG_LOG_LEVEL: 'silent',
    });
    // As `pnpm start` does: the demo storefront is on (no `demo: false`).
    server = await startServer(config, { database: database.handle });
    return { server, operatorKey, close };
  } catch (error) {
    await close();
    throw error;
  }
}
