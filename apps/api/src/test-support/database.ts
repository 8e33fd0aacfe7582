// A fresh, migrated database per test file: a clone of a migrated PGlite template by default,
// or a database of its own on the PostgreSQL named by DATABASE_URL (CI's second pass).
import { randomUUID } from 'node:crypto';
import {
  createMigratedPglite,
  type DatabaseHandle,
  openDatabase,
  type PGlite,
} from '@lg/db/client';
import postgres from 'postgres';

let template: Promise<PGlite> | undefined;

export interface TestDatabase {
  handle: DatabaseHandle;
  /** The database's URL on PostgreSQL, for a second connection pool (another instance). */
  url: string | undefined;
  /** Closes the handle and drops the database. */
  dispose(): Promise<void>;
}

export async function createTestDatabase(onQuery?: (sql: string) => void): Promise<TestDatabase> {
  const baseUrl = process.env.DATABASE_URL;
  if (baseUrl) {
    const name = `lg_test_${randomUUID().replaceAll('-', '')}`;
    const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(baseUrl);
    url.pathname = `/${name}`;
    const handle = await openDatabase({ url: url.toString(), maxConnections: 10, onQuery });
    return {
      handle,
      url: url.toString(),
      async dispose() {
        await handle.close();
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  template ??= createMigratedPglite();
  const pglite = (await (await template).clone()) as PGlite;
  const handle = await openDatabase({ pglite, migrate: false, onQuery });
  return { handle, url: undefined, dispose: () => handle.close() };
}
