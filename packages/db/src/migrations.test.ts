// Migrations that change existing rows are tested on rows written under the schema before them.
import { createHash, randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { descriptionFingerprint } from '@lg/domain';
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

describe('0008_risk_signals_and_loss_report', () => {
  it('gives existing claims the description key the API computes, none to a stock phrase', async () => {
    const pglite = new PGlite();
    try {
      await migrate(drizzle(pglite), {
        migrationsFolder: migrationsBefore('0008_risk_signals_and_loss_report'),
      });
      const long = '  The box was CRUSHED and\n the vase   inside is in pieces. ';
      const ids = { long: randomUUID(), short: randomUUID() };
      // Only the claims matter here: the rows they point at are left out with the
      // foreign-key triggers off for this session.
      await pglite.exec('set session_replication_role = replica');
      for (const [id, description] of [
        [ids.long, long],
        [ids.short, 'Never arrived.'],
      ] as const) {
        await pglite.query(
          `insert into claims (id, storefront_id, guarantee_id, package_id, member_id, type,
             status, description, reference, currency)
           values ($1, $2, $3, $4, 'M1', 'DAMAGE', 'NEEDS_DOCUMENTS', $5, 'M1+SO-1+Claim', 'USD')`,
          [id, randomUUID(), randomUUID(), randomUUID(), description],
        );
      }
      await pglite.exec('set session_replication_role = origin');

      await migrate(drizzle(pglite), { migrationsFolder });

      const rows = await pglite.query<{ id: string; description_key: string | null }>(
        'select id, description_key from claims',
      );
      const keyOf = (id: string) => rows.rows.find((row) => row.id === id)?.description_key;
      const fingerprint = descriptionFingerprint(long);
      expect(fingerprint).not.toBeNull();
      expect(keyOf(ids.long)).toBe(
        createHash('sha256')
          .update(fingerprint ?? '', 'utf8')
          .digest('hex'),
      );
      expect(keyOf(ids.short)).toBeNull();
    } finally {
      await pglite.close();
    }
  });
});
