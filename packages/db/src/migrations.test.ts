// Migrations that change existing rows are tested on rows written under the schema before them.
import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationsFolder } from './client.js';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A copy of the migrations folder whose journal stops before the migration tagged `tag`. */
function migrationsBefore(tag: string): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'lg-migrations-'));
  folders.push(folder);
  cpSync(migrationsFolder, folder, { recursive: true });
  const journalPath = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as {
    entries: { tag: string }[];
  };
  const index = journal.entries.findIndex((entry) => entry.tag === tag);
  if (index < 0) throw new Error(`no migration ${tag}`);
  journal.entries = journal.entries.slice(0, index);
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

describe('0005_shared_secret_sessions_key_modes', () => {
  it("gives each existing storefront its keys' mode and an account of its own", async () => {
    const pglite = new PGlite();
    try {
      await migrate(drizzle(pglite), {
        migrationsFolder: migrationsBefore('0005_shared_secret_sessions_key_modes'),
      });
      const live = randomUUID();
      const test = randomUUID();
      for (const [id, mode] of [
        [live, 'live'],
        [test, 'test'],
      ] as const) {
        await pglite.query(
          `insert into storefronts (id, name, webhook_secret) values ($1, 'Shop', 'whsec')`,
          [id],
        );
        for (const kind of ['publishable', 'secret']) {
          await pglite.query(
            `insert into api_keys (id, kind, mode, storefront_id, key_hash, hint)
             values ($1, $2, $3, $4, $5, 'x')`,
            [randomUUID(), kind, mode, id, randomUUID()],
          );
        }
      }

      await migrate(drizzle(pglite), { migrationsFolder });

      const rows = await pglite.query<{ id: string; account_id: string; mode: string }>(
        'select id, account_id, mode from storefronts order by mode',
      );
      expect(rows.rows).toEqual([
        { id: live, account_id: live, mode: 'live' },
        { id: test, account_id: test, mode: 'test' },
      ]);
    } finally {
      await pglite.close();
    }
  });
});
