// Two API instances on one database, as a scaled deployment runs them: on PostgreSQL each has
// its own connection pool and LISTEN connection; on PGlite (one process by nature) they share
// the embedded database. Tests prove with them that instances agree on what decides an answer.
import { type DatabaseHandle, openDatabase } from '@lg/db/client';
import { createTestDatabase } from './database.js';
import { startTestApi, type TestApi, type TestApiOptions } from './harness.js';

export interface TestInstances {
  a: TestApi;
  b: TestApi;
  /** The shared database's URL on PostgreSQL (for `pnpm lg` beside them); unset on PGlite. */
  url: string | undefined;
  close(): Promise<void>;
}

/**
 * Starts two instances. Unless `env` sets LG_SECRET, neither has one: they share the secret
 * the first generated in the database, as a deployment without LG_SECRET does.
 */
export async function startTwoInstances(
  env: Record<string, string> = {},
  options: Pick<TestApiOptions, 'dnsResolver'> = {},
): Promise<TestInstances> {
  const database = await createTestDatabase();
  const connect = async (): Promise<DatabaseHandle> =>
    database.url ? openDatabase({ url: database.url, migrate: false }) : database.handle;
  const handles = [await connect(), await connect()];
  // Each instance closes its app on close; the database outlives both.
  const shared = (handle: DatabaseHandle) => ({
    handle: { ...handle, close: async () => {} },
    url: database.url,
    dispose: async () => {},
  });
  const instanceEnv = { LG_SECRET: '', ...env };
  const a = await startTestApi({
    ...options,
    env: instanceEnv,
    database: shared(handles[0] as DatabaseHandle),
  });
  const b = await startTestApi({
    ...options,
    env: instanceEnv,
    database: shared(handles[1] as DatabaseHandle),
  });
  return {
    a,
    b,
    url: database.url,
    async close() {
      await Promise.all([a.close(), b.close()]);
      if (database.url) await Promise.all(handles.map((handle) => handle.close()));
      await database.dispose();
    },
  };
}
