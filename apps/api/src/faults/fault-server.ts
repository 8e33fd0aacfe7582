// What one fault test runs its built server on, alone: a fresh PostgreSQL database when the
// run has one (the embedded PGlite in the data dir otherwise), a temporary data dir, a new
// secret and operator key, a free port. `tearDown` (in afterEach) kills whatever server is
// still running and removes them, so a failed test leaves nothing behind either.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type BuiltServerOptions,
  freePort,
  killIfRunning,
  type ServerProcess,
  startBuiltServer,
} from './built-server.js';
import { createFreshDatabase, type FreshDatabase } from './databases.js';

export class FaultServer {
  #server: ServerProcess | undefined;
  #database: FreshDatabase | undefined;
  #dataDir: string | undefined;

  /**
   * Options for `start`: `name` tags the data dir; `baseUrl` (a PostgreSQL server) gets the
   * test a database of its own; `env` is passed to the process as given.
   */
  async prepare(
    name: string,
    baseUrl: string | undefined,
    env?: Record<string, string>,
  ): Promise<BuiltServerOptions> {
    this.#database = baseUrl ? await createFreshDatabase(baseUrl) : undefined;
    this.#dataDir = mkdtempSync(path.join(tmpdir(), `lg-fault-${name}-`));
    return {
      port: await freePort(),
      dataDir: this.#dataDir,
      secret: randomBytes(32).toString('hex'),
      operatorKey: `op_${randomBytes(24).toString('base64url')}`,
      databaseUrl: this.#database?.url,
      ...(env ? { env } : {}),
    };
  }

  /** Starts the built server (again, after a kill: same port, data and database). */
  async start(options: BuiltServerOptions): Promise<ServerProcess> {
    this.#server = await startBuiltServer(options);
    return this.#server;
  }

  async tearDown(): Promise<void> {
    await killIfRunning(this.#server);
    await this.#database?.drop();
    if (this.#dataDir) rmSync(this.#dataDir, { recursive: true, force: true });
  }
}
