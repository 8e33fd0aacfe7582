// The demo's first start: besides the storefront's keys, an operator key for the console at
// /console, kept with them in LG_DATA_DIR/credentials.json and working at once.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type App, createApp } from './app.js';
import { bootstrap } from './bootstrap.js';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { createTestDatabase, type TestDatabase } from './test-support/database.js';

let app: App;
let database: TestDatabase;
let dataDir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = mkdtempSync(path.join(tmpdir(), 'lg-bootstrap-test-'));
  const config = loadConfig({
    LG_DATA_DIR: dataDir,
    LG_SECRET: randomBytes(32).toString('hex'),
    LG_LOG_LEVEL: 'silent',
  });
  app = await createApp(config, { database: database.handle, logger: createLogger('silent') });
});
afterAll(async () => {
  await app?.close();
  await database?.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

async function kindOf(key: string) {
  const auth = await app.authenticator.authenticate(`Bearer ${key}`, undefined, new Date());
  return auth.ok ? auth.viewer.kind : 'refused';
}

describe('bootstrap (demo)', () => {
  it('makes an operator key for the console, prints it once and keeps it with the demo keys', async () => {
    const printed = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const first = await bootstrap(app, 4000, { demo: true });
    const output = printed.mock.calls.map((call) => String(call[0])).join('');
    printed.mockRestore();
    expect(first?.operatorKey).toMatch(/^op_[A-Za-z0-9_-]{20,}$/);
    expect(output).toContain(`operator key     ${first?.operatorKey}`);
    expect(output).toContain('/console');
    expect(await kindOf(first?.operatorKey as string)).toBe('operator');
    const saved = JSON.parse(readFileSync(path.join(dataDir, 'credentials.json'), 'utf8'));
    expect(saved.operatorKey).toBe(first?.operatorKey);

    // The next start finds the same keys and prints nothing.
    const quiet = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const second = await bootstrap(app, 4000, { demo: true });
    expect(quiet).not.toHaveBeenCalled();
    quiet.mockRestore();
    expect(second).toEqual(first);
  });

  it('publishes illustrative exchange rates, labelled as the demo, so the demo quotes EUR, GBP, JPY and KWD', async () => {
    await bootstrap(app, 4000, { demo: true });
    const rates = app.exchangeRates.newest();
    expect(rates.map((rate) => `${rate.currency} ${rate.perUsd}`)).toEqual([
      'EUR 0.92',
      'GBP 0.79',
      'JPY 150',
      'KWD 0.307',
    ]);
    expect(rates.every((rate) => rate.source.startsWith('demo'))).toBe(true);
    const priced = app.exchangeRates.price(app.policies.current, 'EUR', new Date());
    expect(priced).toMatchObject({ ok: true, value: { policy: { minimumFeeMinor: 2760 } } });
    // A restart within the hour publishes nothing new.
    await bootstrap(app, 4000, { demo: true });
    expect(app.exchangeRates.newest()).toEqual(rates);
  });

  it('adds an operator key to a data dir from before the console', async () => {
    const file = path.join(dataDir, 'credentials.json');
    const { operatorKey: _old, ...older } = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify(older));
    const printed = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const credentials = await bootstrap(app, 4000, { demo: true });
    printed.mockRestore();
    expect(credentials?.secretKey).toBe(older.secretKey);
    expect(credentials?.operatorKey).toMatch(/^op_[A-Za-z0-9_-]{20,}$/);
    expect(await kindOf(credentials?.operatorKey as string)).toBe('operator');
    expect(JSON.parse(readFileSync(file, 'utf8')).operatorKey).toBe(credentials?.operatorKey);
  });
});
