#!/usr/bin/env node
// `pnpm lg <command>`: operator tasks against the configured database, for those who prefer a
// terminal to GraphQL. With the embedded database, stop the server first (PGlite is
// single-process); with DATABASE_URL it runs beside live servers.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { policyVersions } from '@lg/db';
import { openDatabase } from '@lg/db/client';
import { isRateFresh } from '@lg/domain';
import { asc } from 'drizzle-orm';
import { revokeApiKey } from './auth/key-revocation.js';
import { ConfigError, loadConfig } from './config.js';
import { ExchangeRateStore } from './exchange-rates.js';
import { PolicyStore } from './policies.js';
import { readRateTable } from './services/exchange-rates/read-rate-table.js';
import { createOperatorKey } from './services/keys/operator-keys.js';
import { createStorefront } from './services/storefronts/create-storefront.js';

const USAGE = `Usage: pnpm lg <command> [options]

Commands:
  storefront create --name <name> [--origin <url>]... [--webhook-url <url>] [--live]
      Create a storefront; prints its publishable key, secret key and webhook secret once.
  operator create-key [--label <label>]
      Create an operator (adjuster) key; printed once.
  key revoke <key>
      Revoke a publishable, secret or operator key (running servers refuse it at once).
  policy list
      List published policy versions.
  policy publish <file.json>
      Publish a new policy version (POLICY.md fields); new quotes use it, existing
      guarantees keep theirs.
  fx import <file>
      Publish exchange rates from the European Central Bank's daily reference XML
      (eurofxref-daily.xml, per EUR, converted to per USD) or from JSON
      { "source": "...", "asOf": "<ISO 8601>", "rates": { "EUR": "0.92", ... } } (per USD).
  fx list
      The newest rate of each currency, and whether it is fresh (LG_FX_MAX_AGE_HOURS).
`;

class UsageError extends Error {}

export async function runCli(
  argv: string[],
  out: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): Promise<void> {
  const [group, action, ...rest] = argv;
  if (group === undefined || group === 'help' || group === '--help' || group === '-h') {
    out(USAGE);
    return;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      origin: { type: 'string', multiple: true },
      'webhook-url': { type: 'string' },
      live: { type: 'boolean' },
      label: { type: 'string' },
    },
  });
  const config = loadConfig();
  const handle = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : `${config.dataDir}/pglite`,
  });
  try {
    const { db } = handle;
    switch (`${group} ${action}`) {
      case 'storefront create': {
        if (!values.name) throw new UsageError('storefront create needs --name');
        const created = await createStorefront(
          db,
          {
            name: values.name,
            allowedOrigins: values.origin ?? [],
            webhookUrl: values['webhook-url'],
            mode: values.live ? 'live' : 'test',
          },
          { allowPrivateNetworks: config.webhookPrivateNetworks },
        );
        if (!created.ok) throw new UsageError(created.errors.map((e) => e.message).join('; '));
        out(`storefront      ${created.value.storefront.id}`);
        out(`publishable key ${created.value.publishableKey}`);
        out(`secret key      ${created.value.secretKey}`);
        out(`webhook secret  ${created.value.webhookSecret}`);
        out('These are shown once: store them now.');
        return;
      }
      case 'operator create-key': {
        const key = await createOperatorKey(db, values.label ?? 'cli');
        out(`operator key ${key}`);
        out('Shown once: store it now.');
        return;
      }
      case 'key revoke': {
        const key = positionals[0];
        if (!key) throw new UsageError('key revoke needs the key');
        const revoked = await revokeApiKey(db, key, new Date());
        if (!revoked) throw new UsageError('no such key');
        out(
          revoked.successors > 0
            ? `revoked ${revoked.hint} and the ${revoked.successors} key(s) rolled from it`
            : `revoked ${revoked.hint}`,
        );
        return;
      }
      case 'policy list': {
        const rows = await db
          .select()
          .from(policyVersions)
          .orderBy(asc(policyVersions.publishedAt));
        for (const row of rows) out(`${row.version}  published ${row.publishedAt.toISOString()}`);
        return;
      }
      case 'policy publish': {
        const file = positionals[0];
        if (!file) throw new UsageError('policy publish needs a JSON file');
        let document: unknown;
        try {
          document = JSON.parse(readFileSync(file, 'utf8'));
        } catch (error) {
          throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
        }
        const store = await PolicyStore.open(db);
        const published = await store.publish(document);
        if (!published.ok) throw new UsageError(published.message);
        out(`published policy ${published.policy.version}`);
        return;
      }
      case 'fx import': {
        const file = positionals[0];
        if (!file) throw new UsageError('fx import needs an XML or JSON file');
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch (error) {
          throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
        }
        const table = readRateTable(text);
        if (!table.ok) throw new UsageError(`${file}: ${table.errors[0]?.message}`);
        const [policies, rates] = await Promise.all([
          PolicyStore.open(db),
          ExchangeRateStore.open(db, config.fxMaxAgeHours),
        ]);
        const published = await rates.publish(table.value, policies.current, 'cli', new Date());
        if (!published.ok) {
          throw new UsageError(
            published.errors.map((e) => `${e.field?.join('.') ?? ''}: ${e.message}`).join('\n'),
          );
        }
        out(
          `published ${published.value.length} rate(s) from ${table.value.source} as of ${table.value.asOf.toISOString()}`,
        );
        return;
      }
      case 'fx list': {
        const rates = await ExchangeRateStore.open(db, config.fxMaxAgeHours);
        const now = new Date();
        for (const rate of rates.newest()) {
          const fresh = isRateFresh(rate, now, config.fxMaxAgeHours) ? 'fresh' : 'stale';
          out(
            `${rate.currency}  ${rate.perUsd} per USD  as of ${rate.asOf.toISOString()}  ${rate.source}  ${fresh}`,
          );
        }
        return;
      }
      default:
        throw new UsageError(`unknown command "${[group, action].filter(Boolean).join(' ')}"`);
    }
  } finally {
    await handle.close();
  }
}

if (process.argv[1]?.endsWith('cli.js') || process.argv[1]?.endsWith('cli.ts')) {
  runCli(process.argv.slice(2)).catch((error: unknown) => {
    if (error instanceof UsageError || error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n\n${USAGE}`);
    } else if (error instanceof Error && error.name === 'TypeError' && 'code' in error) {
      process.stderr.write(`${error.message}\n\n${USAGE}`);
    } else {
      process.stderr.write(`Failed: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    process.exit(1);
  });
}
