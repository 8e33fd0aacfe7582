// The adjuster console (apps/console, served at /console) in Chromium against the real API,
// on a seeded June 2026: an adjuster signs in, finds the overdue claim first, opens it, sees
// its photos, approves it with an audited amount over the R8 damage limit (the capped payout
// shows before submitting), records the payout, and reads June's numbers in the loss report.
// Keys of the wrong kind are refused; axe-core finds no violations. Both clocks are fixed
// (the server's through the harness, the page's through Playwright) so "overdue" and the
// report's month do not depend on the day the test runs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { crc32, deflateSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromiumForTests, launchBrowser } from '../test-support/browser.js';
import { startTestApi, type TestApi, type TestStorefront } from '../test-support/harness.js';
import {
  ADDRESS,
  FILE_CLAIM,
  guaranteedPackage,
  memberSession,
  recordEvent,
  type UserErrors,
  uploadDocument,
} from '../test-support/operations.js';
import { CONSOLE_CSP } from './console-route.js';

const chromiumPath = chromiumForTests('the adjuster console');
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** The instant the adjuster works at: both clocks are here while the browser runs. */
const NOW = new Date('2026-06-20T12:00:00.000Z');
const at = (iso: string) => new Date(`${iso}Z`);

/** A real PNG of a flat colour, so the page has an image to render (sampleFile has headers only). */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const row = Buffer.concat([
    Buffer.from([0]),
    Buffer.alloc(width * 3).map((_, i) => rgb[i % 3] as number),
  ]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

interface Seeded {
  overdue: { id: string; reference: string };
  fresh: { id: string; reference: string };
}

/**
 * June 2026 at one storefront: two guarantees (fees $120.00 and $30.00), each package damaged
 * and claimed with every document. The first claim was filed on June 5 (due June 12: overdue
 * on June 20); the second on June 19 (due June 26).
 */
async function seed(api: TestApi, shop: TestStorefront): Promise<Seeded> {
  async function damageClaim(options: {
    memberId: string;
    boughtAt: string;
    deliveredAt: string;
    filedAt: string;
    value: string;
    shippingFee: string;
    deliveryAddress?: typeof ADDRESS;
    description: string;
  }) {
    const pkg = await api.at(at(options.boughtAt), () =>
      guaranteedPackage(api, shop, {
        memberId: options.memberId,
        declaredValue: options.value,
        salePrice: options.value,
        shippingFee: options.shippingFee,
        ...(options.deliveryAddress ? { deliveryAddress: options.deliveryAddress } : {}),
      }),
    );
    const delivered = at(options.deliveredAt);
    await api.at(delivered, async () => {
      await recordEvent(
        api,
        shop,
        pkg.trackingNumber,
        'SHIPPED',
        new Date(delivered.getTime() - 86_400_000),
      );
      await recordEvent(api, shop, pkg.trackingNumber, 'DELIVERED', delivered, {
        signedBy: 'J. Doe',
        actualWeightGrams: 1000,
      });
    });
    return api.at(at(options.filedAt), async () => {
      const session = await memberSession(api, shop, options.memberId);
      const documentIds = [
        await uploadDocument(api, session, 'PROOF_OF_PURCHASE'),
        await uploadDocument(api, session, 'ORDER_NOTIFICATION_EMAIL'),
        await uploadDocument(
          api,
          session,
          'PACKAGING_PHOTO',
          'image/png',
          png(320, 240, [180, 120, 60]),
        ),
        await uploadDocument(
          api,
          session,
          'CONTENTS_PHOTO',
          'image/png',
          png(320, 240, [40, 90, 160]),
        ),
      ];
      const filed = await api.gql<{
        fileClaim: {
          claim: { id: string; reference: string; status: string } | null;
          userErrors: UserErrors;
        };
      }>(
        FILE_CLAIM,
        {
          input: {
            trackingNumber: pkg.trackingNumber,
            type: 'DAMAGE',
            description: options.description,
            documentIds,
          },
        },
        session,
      );
      const claim = filed.body.data?.fileClaim.claim;
      if (!claim) throw new Error(JSON.stringify(filed.body));
      expect(claim.status).toBe('UNDER_REVIEW');
      return { id: claim.id, reference: claim.reference };
    });
  }

  const overdue = await damageClaim({
    memberId: 'M2001',
    boughtAt: '2026-06-02T09:00:00',
    deliveredAt: '2026-06-04T10:00:00',
    filedAt: '2026-06-05T08:00:00',
    // R8: 30% of $40.00 + $100.00 = $112.00 is the most a damage claim can pay here. A first
    // order over $1,000.00 raises HIGH_VALUE_FIRST_ORDER.
    value: '1200.00',
    shippingFee: '40.00',
    deliveryAddress: { ...ADDRESS, line1: '99 Elsewhere Lane' },
    description: 'The lamp arrived shattered.',
  });
  const fresh = await damageClaim({
    memberId: 'M2002',
    boughtAt: '2026-06-10T09:00:00',
    deliveredAt: '2026-06-19T08:00:00',
    filedAt: '2026-06-19T12:00:00',
    value: '120.00',
    shippingFee: '20.00',
    description: 'The vase has a crack.',
  });
  // Ten lost packages from May, claimed without documents yet (NEEDS_DOCUMENTS, no due time):
  // the queue lists them after the two claims under review, and they page.
  const members = Array.from({ length: 10 }, (_, i) => `M30${String(i).padStart(2, '0')}`);
  api.clock.now = at('2026-05-01T09:00:00');
  const lost = await Promise.all(
    members.map((memberId) => guaranteedPackage(api, shop, { memberId })),
  );
  api.clock.now = at('2026-05-05T12:00:00');
  await Promise.all(
    lost.map(async (pkg) => {
      await recordEvent(api, shop, pkg.trackingNumber, 'SHIPPED', at('2026-05-02T09:00:00'));
      await recordEvent(api, shop, pkg.trackingNumber, 'LOST', at('2026-05-05T10:00:00'));
    }),
  );
  api.clock.now = at('2026-05-06T09:00:00');
  await Promise.all(
    lost.map(async (pkg) => {
      const session = await memberSession(api, shop, pkg.memberId);
      const filed = await api.gql<{ fileClaim: { claim: { status: string } | null } }>(
        FILE_CLAIM,
        {
          input: {
            trackingNumber: pkg.trackingNumber,
            type: 'LOSS',
            description: `Parcel ${pkg.trackingNumber} never arrived.`,
          },
        },
        session,
      );
      expect(filed.body.data?.fileClaim.claim?.status).toBe('NEEDS_DOCUMENTS');
    }),
  );
  return { overdue, fresh };
}

describe('GET /console', () => {
  let api: TestApi;
  beforeAll(async () => {
    // Production mode: the console is part of a deployed API, unlike the demo shop.
    api = await startTestApi({ env: { NODE_ENV: 'production' } });
  });
  afterAll(() => api?.close());

  it('serves the page with its CSP, no caching and no framing, in production mode too', async () => {
    const response = await fetch(`${api.url}/console`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    const html = await response.text();
    expect(html).toContain('<lg-console>');
    const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();

    const asset = await fetch(`${api.url}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const etag = asset.headers.get('etag') as string;
    const again = await fetch(`${api.url}${script}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);

    expect((await fetch(`${api.url}/console/`)).status).toBe(200);
    expect((await fetch(`${api.url}/console/assets/nothing.js`)).status).toBe(404);
    expect((await fetch(`${api.url}/console`, { method: 'POST' })).status).toBe(405);
  });
});

describe.skipIf(!chromiumPath)('the adjuster console in Chromium', () => {
  let api: TestApi;
  let shop: TestStorefront;
  let browser: Browser;
  let context: BrowserContext;
  let seeded: Seeded;
  let pageErrors: string[];

  beforeAll(async () => {
    [api, browser] = await Promise.all([startTestApi(), launchBrowser(chromiumPath as string)]);
    shop = await api.createStorefront();
    seeded = await seed(api, shop);
    api.clock.now = NOW;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });
  beforeEach(async () => {
    pageErrors = [];
    context = await browser.newContext({
      acceptDownloads: true,
      locale: 'en-US',
      timezoneId: 'UTC',
    });
  });
  afterEach(async () => {
    await context.close();
    // No script error and no CSP violation on any page.
    expect(pageErrors).toEqual([]);
  });

  async function open(): Promise<Page> {
    const page = await context.newPage();
    await page.clock.setFixedTime(NOW);
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(`${api.url}/console`);
    return page;
  }

  async function signIn(page: Page, key: string) {
    await page.locator('#key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  /** Waits for text anywhere on the page (getByText looks inside the elements' shadow roots). */
  async function shows(page: Page, text: string) {
    await page.getByText(text).first().waitFor();
  }

  async function expectNoAxeViolations(page: Page) {
    await page.evaluate(axeSource);
    // A string: apps/api compiles without the DOM lib.
    const violations = await page.evaluate(`axe.run(document).then((result) =>
      result.violations.map((v) => v.id + ': ' + JSON.stringify(v.nodes.map((n) => n.target))))`);
    expect(violations).toEqual([]);
  }

  it('refuses a wrong key with a message', async () => {
    const page = await open();
    await signIn(page, 'op_this-key-does-not-exist');
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('This key is not valid');
    expect(await page.locator('#key').isVisible()).toBe(true);
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    // The browser console shows the refused request (401); nothing else went wrong.
    pageErrors = pageErrors.filter((e) => !/status of 401/.test(e));
  });

  it("does not open with a storefront's secret key", async () => {
    const page = await open();
    await signIn(page, shop.secretKey);
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('This is not an operator key');
    expect(await page.getByRole('heading', { name: 'Claim queue' }).count()).toBe(0);
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
  });

  it('takes an adjuster from the overdue claim to its payout and the month in the report', async () => {
    const page = await open();
    await expectNoAxeViolations(page);
    await signIn(page, api.operatorKey);

    // The queue: the overdue claim first, highlighted, with how late it is.
    await page.getByRole('heading', { name: 'Claim queue' }).waitFor();
    const rows = page.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(12);
    await shows(page, '12 claims');
    expect(await rows.nth(0).getAttribute('data-claim-id')).toBe(seeded.overdue.id);
    expect(await rows.nth(0).getAttribute('class')).toContain('overdue-row');
    expect(await rows.nth(0).textContent()).toContain('Overdue by 8 days');
    expect(await rows.nth(1).getAttribute('data-claim-id')).toBe(seeded.fresh.id);
    expect(await rows.nth(1).textContent()).toContain('6 days');
    // The key stays out of the URL and in this tab's session storage only.
    expect(page.url()).not.toContain(api.operatorKey);
    expect(await page.evaluate("localStorage.getItem('lg-console.operator-key')")).toBeNull();
    await expectNoAxeViolations(page);

    expect(await rows.nth(2).textContent()).toContain('Not due yet (documents missing)');

    // Keyset pages of 10: forward to the last two claims, and back.
    const apply = () => page.getByRole('button', { name: 'Apply' }).click();
    await page.locator('#page-size').selectOption('10');
    await apply();
    await expect.poll(() => rows.count()).toBe(10);
    await page.getByRole('button', { name: 'Next page' }).click();
    await expect.poll(() => rows.count()).toBe(2);
    expect(await page.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Previous page' }).click();
    await expect.poll(() => rows.count()).toBe(10);
    expect(await rows.nth(0).getAttribute('data-claim-id')).toBe(seeded.overdue.id);
    expect(await page.getByRole('button', { name: 'Previous page' }).isDisabled()).toBe(true);

    // The filters: type, storefront and overdue narrow the queue on the server.
    await page.locator('#type').selectOption('PARTIAL_LOSS');
    await apply();
    await shows(page, 'No claims match these filters.');
    await page.locator('#type').selectOption('DAMAGE');
    await page.locator('#storefront').selectOption(shop.id);
    await page.locator('#overdue').check();
    await apply();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.nth(0).getAttribute('data-claim-id')).toBe(seeded.overdue.id);
    await page.locator('#overdue').uncheck();
    await apply();
    await expect.poll(() => rows.count()).toBe(2);

    // Keyboard: the first claim's link is reachable and opens it.
    await rows.nth(0).getByRole('link', { name: seeded.overdue.reference }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `Claim ${seeded.overdue.reference}` }).waitFor();

    // Its evidence: both photos rendered at a readable size, the flags, nothing missing.
    const images = page.locator('img');
    await expect.poll(() => images.count()).toBe(2);
    await expect
      .poll(() =>
        images.evaluateAll((all) =>
          all.map((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
        ),
      )
      .toEqual([320, 320]);
    const shown = await images.evaluateAll((all) =>
      all.map((img) => img.getBoundingClientRect().width),
    );
    for (const width of shown) expect(width).toBeGreaterThanOrEqual(300);
    await shows(page, 'Delivery address differs from the Member Center address');
    await shows(page, 'Every required document is in.');
    // The risk signals the API computed for it, each with the detail an adjuster can check.
    const signals = await api.gql<{ claim: { riskSignals: { code: string; detail: string }[] } }>(
      'query($id: ID!) { claim(id: $id) { riskSignals { code detail } } }',
      { id: seeded.overdue.id },
      api.operatorKey,
    );
    const riskSignals = signals.body.data?.claim.riskSignals ?? [];
    expect(riskSignals.map((s) => s.code)).toContain('HIGH_VALUE_FIRST_ORDER');
    for (const signal of riskSignals) await shows(page, signal.detail);
    await expectNoAxeViolations(page);

    // The decision: $300.00 audited, capped by R8 at $112.00 before anything is sent.
    await page.locator('#audited').fill('300.00');
    const preview = page.locator('table', { hasText: 'Payout if approved' });
    await expect
      .poll(() => preview.locator('[data-testid="payable"]').textContent())
      .toBe('$112.00');
    expect(await preview.textContent()).toContain('R8');
    expect(await preview.textContent()).toContain('-$188.00');
    const approve = page.getByRole('button', { name: 'Approve and pay $112.00' });
    await approve.click();
    await shows(page, 'Record the payout');

    // A refusal shows beside its field: an empty payout reference.
    await page.getByRole('button', { name: 'Record payout' }).click();
    await expect.poll(() => page.locator('#reference-errors').count()).toBe(1);
    await page.locator('#reference').fill('BANK-2026-06-20-0001');
    await page.getByRole('button', { name: 'Record payout' }).click();
    await shows(page, 'Paid $112.00 on Jun 20, 2026, 12:00 PM, reference BANK-2026-06-20-0001.');

    // Back in the queue, the other claim: rejected, first without a reason (refused beside
    // the reason codes), then for suspected fraud, shown with its title.
    await page.getByRole('link', { name: 'Back to the queue' }).click();
    await page.getByRole('link', { name: seeded.fresh.reference }).click();
    await page.getByRole('heading', { name: `Claim ${seeded.fresh.reference}` }).waitFor();
    await page.getByRole('button', { name: 'Reject' }).click();
    await expect.poll(() => page.locator('#reason-errors').count()).toBe(1);
    await page.getByRole('checkbox', { name: /Suspected fraud/ }).check();
    await page.getByRole('button', { name: 'Reject' }).click();
    await shows(page, 'Rejected for');
    await shows(page, 'Suspected fraud');

    // The report: June 2026 at this storefront.
    await page.getByRole('link', { name: 'Loss report' }).click();
    await page.locator('#from').fill('2026-06');
    await page.locator('#to').fill('2026-06');
    await page.getByRole('button', { name: 'Show' }).click();
    const june = page.locator('tbody tr', { hasText: '2026-06' });
    await expect.poll(() => june.count()).toBe(1);
    // Only June: the answer to the first, wider range must not overwrite the newer one.
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    expect(await june.locator('[data-col="fees"]').textContent()).toBe('$150.00');
    expect(await june.locator('[data-col="payouts"]').textContent()).toBe('$112.00');
    expect(await june.locator('[data-col="lossRatio"]').textContent()).toBe('74.67%');
    await expect.poll(() => page.locator('canvas').count()).toBe(1);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path()) as string, 'utf8').split('\r\n');
    // Two guarantees ($120.00 + $30.00), two claims filed, both decided on June 20: one
    // approved and paid $112.00 (loss ratio 112 / 150 = 0.74666…) 364 h after filing, 8 days
    // late; one rejected 24 h after filing, in time. Median (24 + 364) / 2 = 194 h.
    expect(csv.slice(0, 2)).toEqual([
      'month,storefront_id,storefront,currency,guarantees_sold,fees,refunds,claims_filed,claims_approved,claims_rejected,payouts,loss_ratio,median_hours_to_decision,decided_within_promise',
      `2026-06,${shop.id},Test Shop,USD,2,150.00,0.00,2,1,1,112.00,0.7467,194,0.5000`,
    ]);
    await expectNoAxeViolations(page);

    // Chinese, then sign out: the key is forgotten.
    await page.locator('#locale').selectOption('zh-CN');
    await page.getByRole('heading', { name: '损失报告' }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: '退出' }).click();
    await page.locator('#key').waitFor();
    expect(await page.evaluate("sessionStorage.getItem('lg-console.operator-key')")).toBeNull();
  });
});
