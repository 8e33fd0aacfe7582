// The built widget on a storefront page of another origin, against this API, in Chromium:
// what the page can learn from the API's CORS answers. A wrong publishable key is readable
// (UNAUTHENTICATED); a valid key used from an origin outside its allowedOrigins stays opaque
// (the browser reports a network error). Skips loudly without Chromium, fails in CI.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromiumForTests, launchBrowser } from '../test-support/browser.js';
import { startTestApi, type TestApi, type TestStorefront } from '../test-support/harness.js';

interface ErrorDetail {
  code: string;
  message: string;
}

/** The page's record of error events, typed here: apps/api compiles without the DOM lib. */
interface Recorded {
  lgErrors: ErrorDetail[];
  lgFees: string[];
}

const chromiumPath = chromiumForTests('the widget across origins');

/** A cart page of a storefront at `pageOrigin`, loading the widget from the API. */
function cartPage(apiUrl: string, key: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Cart</title>
<script>
  window.lgErrors = [];
  window.lgFees = [];
  document.addEventListener('logistics-guarantee-error', (e) => window.lgErrors.push(e.detail));
  document.addEventListener('logistics-guarantee-change', (e) => window.lgFees.push(e.detail.fee?.amount ?? ''));
</script>
<script type="module" src="${apiUrl}/widget/logistics-guarantee.js"></script>
</head><body><form>
<logistics-guarantee publishable-key="${key}" product-value="120.00" name="lg" checked></logistics-guarantee>
</form></body></html>`;
}

describe.skipIf(!chromiumPath)('the widget on another origin, against the API', () => {
  let api: TestApi;
  let shop: TestStorefront;
  let browser: Browser;
  let pages: Server;
  let pageOrigin: string;
  let html = '';
  let context: BrowserContext;
  let pageErrors: string[];

  beforeAll(async () => {
    pages = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
    });
    await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
    pageOrigin = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
    [api, browser] = await Promise.all([startTestApi(), launchBrowser(chromiumPath as string)]);
    shop = await api.createStorefront({ allowedOrigins: [pageOrigin] });
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await new Promise((resolve) => pages?.close(resolve));
  });
  beforeEach(async () => {
    pageErrors = [];
    context = await browser.newContext();
  });
  afterEach(async () => {
    await context.close();
    expect(pageErrors).toEqual([]);
  });

  /** Opens the cart with `key` and waits for its first quote or failure. */
  async function open(key: string, origin = pageOrigin) {
    html = cartPage(api.url, key);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.goto(`${origin}/cart`);
    await page.waitForFunction(() => {
      const w = globalThis as unknown as Recorded;
      return w.lgErrors.length + w.lgFees.length > 0;
    });
    return page.evaluate(() => {
      const { lgErrors, lgFees } = globalThis as unknown as Recorded;
      return { errors: lgErrors.map((e) => e.code), fees: lgFees };
    });
  }

  it('quotes with the storefront publishable key from an allowed origin', async () => {
    expect(await open(shop.publishableKey)).toEqual({ errors: [], fees: ['30.00'] });
  });

  it('reports an unknown publishable key as UNAUTHENTICATED, not as a network error', async () => {
    expect(await open('pk_test_nosuchkey000000000000')).toEqual({
      errors: ['UNAUTHENTICATED'],
      fees: [],
    });
  });

  it('keeps a valid key refused from another origin opaque: a network error to that page', async () => {
    // localhost and 127.0.0.1 are different origins; only the latter is allowed.
    const other = pageOrigin.replace('127.0.0.1', 'localhost');
    expect(await open(shop.publishableKey, other)).toEqual({
      errors: ['NETWORK_ERROR'],
      fees: [],
    });
  });
});
