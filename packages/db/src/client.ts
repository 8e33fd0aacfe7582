// Opens the one database the API talks to: PostgreSQL through postgres.js when a URL is
// given (production, scale-out), otherwise PGlite, PostgreSQL compiled to WASM, stored in a
// directory (the zero-setup default). Same schema, same migrations, same queries.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { Logger } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { preparingStatements } from './prepared-statements.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** The drizzle database, whichever driver is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Anything queries can run on: the database or an open transaction. */
export type Queryable = Database | Transaction;

/**
 * The rows of a raw `execute`, whichever driver ran it: postgres.js answers with an array,
 * PGlite with `{ rows }`.
 */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

export interface DatabaseHandle {
  readonly db: Database;
  readonly kind: 'pglite' | 'postgres';
  /** Throws when the database can't answer a trivial query. */
  ping(): Promise<void>;
  /**
   * LISTENs on `channel`: `onNotify` gets the payload of each NOTIFY committed on it, from any
   * process sharing the database (PostgreSQL) or from this one (PGlite). Resolves once
   * listening, with the function that stops it.
   */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** `postgres://...`: PostgreSQL. Unset: PGlite. */
  url?: string | undefined;
  /** PGlite data directory; unset with no `pglite` either: in memory. */
  dataDir?: string | undefined;
  /** An already open PGlite instance (tests clone a migrated template). */
  pglite?: PGlite | undefined;
  /** PostgreSQL pool size. */
  maxConnections?: number | undefined;
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean | undefined;
  /** Called with every SQL statement sent: for query-count tests and debug logs. */
  onQuery?: ((sql: string) => void) | undefined;
  /** PostgreSQL `application_name` of the pool's connections (default logistics-guarantee). */
  applicationName?: string | undefined;
  /**
   * Called as each step of opening ends ('open': the database is reachable, 'migrations': the
   * migrations are applied), so a start can say where its time went.
   */
  onStep?: ((step: 'open' | 'migrations') => void) | undefined;
}

export const migrationsFolder = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../drizzle',
);

// Any constant works; it only has to be the same for every instance of the API.
const MIGRATION_LOCK_ID = 4_206_202_611;

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<DatabaseHandle> {
  const logger: Logger | undefined = options.onQuery
    ? { logQuery: (query) => options.onQuery?.(query) }
    : undefined;
  const shouldMigrate = options.migrate ?? true;

  if (options.url) {
    // The migration's own connection is the first to reach the server.
    if (shouldMigrate) await migratePostgresWithLock(options.url, () => options.onStep?.('open'));
    else options.onStep?.('open');
    options.onStep?.('migrations');
    const client = postgres(options.url, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
      connection: { application_name: options.applicationName ?? 'logistics-guarantee' },
      // A server that accepts no connection fails the waiting queries after this many seconds
      // (postgres.js waits 30 by default) rather than holding requests open.
      connect_timeout: 10,
      // After a failover or restart, reconnect attempts back off up to 2 s, not postgres.js's
      // 20 s: a primary that is back serves again within a couple of seconds.
      backoff: reconnectDelaySeconds,
    });
    const db = drizzlePostgres(preparingStatements(client), {
      schema,
      casing: 'snake_case',
      logger,
    }) as Database;
    return {
      db,
      kind: 'postgres',
      ping: async () => {
        await client`select 1`;
      },
      listen: async (channel, onNotify) => {
        // postgres.js keeps one connection for LISTEN and re-subscribes if it drops.
        const subscription = await client.listen(channel, (payload) => onNotify(payload));
        return () => subscription.unlisten();
      },
      close: () => client.end({ timeout: 5 }),
    };
  }

  let pglite = options.pglite;
  if (!pglite) {
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    pglite = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
  }
  const db = drizzlePglite(pglite, { schema, casing: 'snake_case', logger }) as unknown as Database;
  await pglite.waitReady;
  options.onStep?.('open');
  if (shouldMigrate) await migratePglite(drizzlePglite(pglite), { migrationsFolder });
  options.onStep?.('migrations');
  const instance = pglite;
  return {
    db,
    kind: 'pglite',
    ping: async () => {
      await instance.query('select 1');
    },
    listen: async (channel, onNotify) => instance.listen(channel, (payload) => onNotify(payload)),
    close: async () => {
      if (!instance.closed) await instance.close();
    },
  };
}

/**
 * Two instances starting together must not both apply a migration: the first takes a
 * session-level advisory lock, the second waits for it and then finds nothing to do.
 */
async function migratePostgresWithLock(url: string, onConnected: () => void): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    onConnected();
    try {
      await migratePostgres(drizzlePostgres(client), { migrationsFolder });
    } finally {
      await client`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
    }
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** A migrated in-memory PGlite to `clone()` from: tests pay the ~2 s start-up once. */
export async function createMigratedPglite(): Promise<PGlite> {
  const pglite = new PGlite();
  await migratePglite(drizzlePglite(pglite), { migrationsFolder });
  return pglite;
}

/** Seconds before the `attempt`-th reconnection: 50 ms doubling, at most 2 s, with jitter. */
function reconnectDelaySeconds(attempt: number): number {
  return Math.min(0.05 * 2 ** attempt, 2) * (0.5 + Math.random() / 2);
}

// The connection itself failed, not the statement: the same request can succeed once the
// pool has reconnected. postgres.js's own codes, the socket's, and SQLSTATEs of class 08
// (connection exception) plus the server shutting down, restarting or out of connections.
const CONNECTION_LOST_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECTION_ENDED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  '57P01', // admin_shutdown: pg_terminate_backend, a fast shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or in recovery
  '53300', // too_many_connections
]);

/**
 * Whether `error` (possibly wrapped by drizzle or GraphQL) means the database could not be
 * reached or dropped the connection: a read may be retried as is; a write whose commit was cut
 * may have happened, so it is retried only where it is idempotent.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth += 1) {
    const candidate = current as { code?: unknown; cause?: unknown; originalError?: unknown };
    const code = candidate.code;
    if (typeof code === 'string' && (CONNECTION_LOST_CODES.has(code) || code.startsWith('08')))
      return true;
    current = candidate.cause ?? candidate.originalError;
  }
  return false;
}

/** Reads the SQLSTATE and constraint name out of a (possibly wrapped) driver error. */
export function databaseErrorOf(error: unknown): { code?: string; constraint?: string } {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth += 1) {
    const candidate = current as {
      code?: unknown;
      constraint?: unknown;
      constraint_name?: unknown;
      cause?: unknown;
    };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      const constraint = candidate.constraint ?? candidate.constraint_name;
      return {
        code: candidate.code,
        ...(typeof constraint === 'string' ? { constraint } : {}),
      };
    }
    current = candidate.cause;
  }
  return {};
}

export { PGlite };
