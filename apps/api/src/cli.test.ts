import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { POLICY_2026_11 } from '@lg/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli.js';

// The CLI against its own embedded database (the PostgreSQL pass covers the same code in the API tests).
let dataDir: string;
const saved = { ...process.env };

beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'lg-cli-'));
  process.env.LG_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
});
afterAll(() => {
  process.env = saved;
  rmSync(dataDir, { recursive: true, force: true });
});

async function run(...args: string[]): Promise<string[]> {
  const lines: string[] = [];
  await runCli(args, (line) => lines.push(line));
  return lines;
}

describe('pnpm lg', () => {
  it('creates a storefront and prints its keys once', async () => {
    const lines = await run(
      'storefront',
      'create',
      '--name',
      'Corner Shop',
      '--origin',
      'https://corner.example',
    );
    expect(lines[1]).toMatch(/^publishable key pk_test_/);
    expect(lines[2]).toMatch(/^secret key {6}sk_test_/);
    expect(lines[3]).toMatch(/^webhook secret {2}whsec_/);
  });

  it('creates a live storefront with --live: both its keys are live keys', async () => {
    const lines = await run('storefront', 'create', '--name', 'Live Shop', '--live');
    expect(lines[1]).toMatch(/^publishable key pk_live_/);
    expect(lines[2]).toMatch(/^secret key {6}sk_live_/);
  });

  it('refuses a bad origin with the reason', async () => {
    await expect(
      run('storefront', 'create', '--name', 'X', '--origin', 'not a url'),
    ).rejects.toThrow(/is not an origin/);
  });

  it('creates and revokes an operator key', async () => {
    const [line] = await run('operator', 'create-key', '--label', 'alice');
    const key = line?.split(' ')[2] as string;
    expect(key).toMatch(/^op_/);
    expect(await run('key', 'revoke', key)).toEqual([expect.stringMatching(/^revoked op_/)]);
    // Another key: its last character changed (never to itself, or 1 run in 64 would fail).
    const other = `${key.slice(0, -1)}${key.endsWith('0') ? '1' : '0'}`;
    await expect(run('key', 'revoke', other)).rejects.toThrow(/no such key/);
  });

  it('publishes a policy version from a file and lists it', async () => {
    const file = path.join(dataDir, 'policy.json');
    writeFileSync(file, JSON.stringify({ ...POLICY_2026_11, version: '2027-03' }));
    expect(await run('policy', 'publish', file)).toEqual(['published policy 2027-03']);
    const listed = await run('policy', 'list');
    expect(listed.map((l) => l.split(' ')[0])).toEqual(['2026-11', '2027-03']);
    writeFileSync(file, JSON.stringify({ version: 'broken' }));
    await expect(run('policy', 'publish', file)).rejects.toThrow();
  });

  it("imports the ECB's daily reference XML as rates per USD, and lists them", async () => {
    const xml = new URL('./services/exchange-rates/fixtures/eurofxref-daily.xml', import.meta.url);
    expect(await run('fx', 'import', xml.pathname)).toEqual([
      'published 30 rate(s) from ECB as of 2026-11-27T15:00:00.000Z',
    ]);
    // The same file again changes nothing.
    expect(await run('fx', 'import', xml.pathname)).toHaveLength(1);
    const listed = await run('fx', 'list');
    expect(listed).toContainEqual(
      expect.stringMatching(
        /^EUR {2}0\.9615384615 per USD {2}as of 2026-11-27T15:00:00\.000Z {2}ECB {2}(fresh|stale)$/,
      ),
    );
    expect(listed).toContainEqual(expect.stringMatching(/^JPY {2}150 per USD /));
  });

  it('imports JSON rates and refuses a file that is neither, naming why', async () => {
    const file = path.join(dataDir, 'rates.json');
    writeFileSync(
      file,
      JSON.stringify({ source: 'Desk', asOf: '2026-11-30T09:00:00Z', rates: { KWD: '0.3071' } }),
    );
    expect(await run('fx', 'import', file)).toEqual([
      'published 1 rate(s) from Desk as of 2026-11-30T09:00:00.000Z',
    ]);
    writeFileSync(
      file,
      JSON.stringify({ source: 'Desk', asOf: '2026-11-30T09:00:00Z', rates: { KWD: '0.31' } }),
    );
    await expect(run('fx', 'import', file)).rejects.toThrow(/already published at 0\.3071/);
    writeFileSync(file, 'EUR=0.92');
    await expect(run('fx', 'import', file)).rejects.toThrow(/neither ECB XML nor JSON/);
  });

  it('refuses an unknown command', async () => {
    await expect(run('launch', 'rockets')).rejects.toThrow(/unknown command/);
  });
});
