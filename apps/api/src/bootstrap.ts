// First-start setup: the operator named by LG_BOOTSTRAP_OPERATOR_KEY, and outside production a
// demo storefront whose keys are printed once and kept in LG_DATA_DIR/credentials.json.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { apiKeys } from '@lg/db';
import { isRateFresh } from '@lg/domain';
import { eq } from 'drizzle-orm';
import type { App } from './app.js';
import { generateApiKey, hashApiKey } from './auth/api-keys.js';
import { ensureOperatorKey } from './services/keys/operator-keys.js';
import { createStorefront } from './services/storefronts/create-storefront.js';

export interface DemoCredentials {
  storefrontId: string;
  publishableKey: string;
  secretKey: string;
  webhookSecret: string;
  /** An operator key for the adjuster console at /console (demo only). */
  operatorKey: string;
}

export async function bootstrap(
  app: App,
  port: number,
  options: { demo: boolean },
): Promise<DemoCredentials | null> {
  if (app.config.bootstrapOperatorKey) {
    await ensureOperatorKey(app.db, app.config.bootstrapOperatorKey);
  }
  if (app.config.production || !options.demo) return null;
  await ensureDemoExchangeRates(app);
  return ensureDemoStorefront(app, port);
}

/**
 * Illustrative rates (1 USD = ...) so the demo quotes carts in other currencies out of the
 * box. Published only by the demo, labelled as such, and again whenever they would be stale.
 */
const DEMO_RATES: Readonly<Record<string, string>> = {
  EUR: '0.92',
  GBP: '0.79',
  JPY: '150',
  KWD: '0.307',
};
const DEMO_RATE_SOURCE = 'demo (illustrative, not market rates)';

async function ensureDemoExchangeRates(app: App): Promise<void> {
  const now = app.clock();
  const fresh = new Set(
    app.exchangeRates
      .newest()
      .filter((rate) => isRateFresh(rate, now, app.config.fxMaxAgeHours))
      .map((rate) => rate.currency),
  );
  const missing = Object.entries(DEMO_RATES).filter(([currency]) => !fresh.has(currency));
  if (missing.length === 0) return;
  const published = await app.exchangeRates.publish(
    {
      source: DEMO_RATE_SOURCE,
      asOf: new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000),
      rates: missing.map(([currencyCode, perUsd]) => ({ currencyCode, perUsd })),
    },
    app.policies.current,
    'demo',
    now,
  );
  if (!published.ok) throw new Error(`demo exchange rates: ${published.errors[0]?.message}`);
}

async function ensureDemoStorefront(app: App, port: number): Promise<DemoCredentials> {
  const file = path.join(app.config.dataDir, 'credentials.json');
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<DemoCredentials>;
    const [key] = await app.db
      .select({ id: apiKeys.id })
      .from(apiKeys)
      .where(eq(apiKeys.keyHash, hashApiKey(saved.secretKey ?? '')));
    if (key) {
      // A data dir from before the console had no operator key: add one and keep it.
      const credentials = {
        ...saved,
        operatorKey: saved.operatorKey ?? generateApiKey('operator', 'live'),
      } as DemoCredentials;
      await ensureOperatorKey(app.db, credentials.operatorKey, 'demo console');
      if (!saved.operatorKey) {
        writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
        process.stderr.write(
          `\nDemo operator key for /console (kept in ${file}):\n  operator key     ${credentials.operatorKey}\n`,
        );
      }
      return credentials;
    }
  } catch {
    // no saved demo storefront for this database: create one below
  }
  const origins = [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
  const created = await createStorefront(
    app.db,
    { name: 'Demo Store', allowedOrigins: origins },
    { allowPrivateNetworks: app.config.webhookPrivateNetworks },
  );
  if (!created.ok) throw new Error(`demo storefront: ${created.errors[0]?.message}`);
  const credentials: DemoCredentials = {
    storefrontId: created.value.storefront.id,
    publishableKey: created.value.publishableKey,
    secretKey: created.value.secretKey,
    webhookSecret: created.value.webhookSecret,
    operatorKey: generateApiKey('operator', 'live'),
  };
  await ensureOperatorKey(app.db, credentials.operatorKey, 'demo console');
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  // Shown once, to the person starting the server: not a log line.
  process.stderr.write(
    [
      '',
      `Demo storefront created (kept in ${file}):`,
      `  publishable key  ${credentials.publishableKey}`,
      `  secret key       ${credentials.secretKey}`,
      `  webhook secret   ${credentials.webhookSecret}`,
      `  operator key     ${credentials.operatorKey}   (sign in to the console at /console)`,
      '',
    ].join('\n'),
  );
  return credentials;
}
