// End to end: what a newcomer does in the demo shop, in a real Chromium against the API started
// as `pnpm start` starts it: buy with shipping protection, open /account, ship and deliver the
// package with the carrier control, and file a damage claim in <logistics-guarantee-claims>.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../start-server.js';
import { chromiumForTests, launchBrowser } from '../test-support/browser.js';
import { type DemoServer, startDemoServer } from '../test-support/demo-server.js';
import { sampleFile } from '../test-support/operations.js';

const chromiumPath = chromiumForTests('the demo member page');

describe.skipIf(!chromiumPath)('demo member page in Chromium', () => {
  let demo: DemoServer;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    const starting = startDemoServer('account').then((started) => {
      demo = started;
      server = started.server;
    });
    [browser] = await Promise.all([launchBrowser(chromiumPath!), starting]);
    // Starting PGlite, the API and Chromium together takes a while on a loaded machine.
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  const claims = (page: Page) => page.locator('logistics-guarantee-claims');
  const shows = (page: Page, words: string) =>
    page.waitForFunction(
      `(document.querySelector('logistics-guarantee-claims')?.shadowRoot?.textContent ?? '').includes(${JSON.stringify(words)})`,
      undefined,
      { timeout: 10_000 },
    );

  it('buys, ships, delivers and files a damage claim in the browser', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));

    // Buy with the protection ticked.
    await page.goto(`${server.url}/`);
    const widget = page.locator('logistics-guarantee');
    await expect.poll(() => widget.locator('[part=fee]').textContent()).toMatch(/^\$\d/);
    await widget.locator('input[type=checkbox]').check();
    const orderNumber = await page.locator('input[name="orderNumber"]').inputValue();
    await page.getByRole('button', { name: /Place order/ }).click();
    await page.waitForURL(`${server.url}/demo/checkout`);
    expect(await page.locator('section[aria-labelledby="g"] h2').textContent()).toBe(
      'Protection added',
    );

    // The member page lists the order; the carrier control ships and delivers it.
    await page.getByRole('link', { name: 'My account' }).first().click();
    await page.waitForURL(`${server.url}/account`);
    await shows(page, `Order ${orderNumber}`);
    const row = page.locator('tr', { hasText: orderNumber });
    await row.getByRole('button', { name: 'Ship' }).click();
    await page.waitForURL(`${server.url}/account`);
    expect(await page.locator('tr', { hasText: orderNumber }).textContent()).toContain('SHIPPED');
    await page
      .locator('tr', { hasText: orderNumber })
      .getByRole('button', { name: 'Deliver' })
      .click();
    await page.waitForURL(`${server.url}/account`);
    const tracking = await page
      .locator('tr', { hasText: orderNumber })
      .locator('code')
      .textContent();
    expect(tracking).toMatch(/^DEMO\d+$/);
    await shows(page, 'Delivered');

    // File a damage claim with its documents.
    const el = claims(page);
    await el.locator('select[name=package]').selectOption(tracking!);
    await el.getByLabel('Damaged').check();
    await el.locator('[part=countdown]').waitFor();
    expect(await el.locator('[part=countdown]').textContent()).toMatch(/^2[34] hr \d+ min/);
    await el.getByLabel('Describe what happened').fill('The bottle was dented.');
    const files: [string, string, string][] = [
      ['PROOF_OF_PURCHASE', 'invoice.pdf', 'application/pdf'],
      ['ORDER_NOTIFICATION_EMAIL', 'order.eml', 'message/rfc822'],
      ['PACKAGING_PHOTO', 'box.jpg', 'image/jpeg'],
      ['CONTENTS_PHOTO', 'bottle.png', 'image/png'],
    ];
    for (const [kind, name, mimeType] of files) {
      await el
        .locator(`input[type=file][data-kind=${kind}]`)
        .setInputFiles({ name, mimeType, buffer: sampleFile(mimeType) });
      await el.locator('[part=file]', { hasText: name }).getByText('Uploaded').waitFor();
    }
    await el.getByRole('button', { name: 'File the claim' }).click();
    await shows(page, `M1042+${orderNumber}+Claim`);
    await shows(page, 'Under review');
    expect(problems).toEqual([]);
    await context.close();
  });
});
