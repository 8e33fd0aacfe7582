// What every browser test file shares: whether Chromium runs (skipped loudly without it,
// required in CI), one browser and one fake API per file, a fresh context per test with a
// check that no page threw, and the small polling helpers.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { type FakeApi, findChromium, launchBrowser, startFakeApi } from './harness.js';

/** One recorded `logistics-guarantee-*` event (see `cartPage` in harness.ts). */
export interface RecordedEvent {
  type: string;
  detail: Record<string, unknown>;
  bubbles: boolean;
  composed: boolean;
}

declare global {
  interface Window {
    lgEvents: RecordedEvent[];
  }
}

/**
 * Chromium's path when browser tests should run; undefined (after a loud warning) when they
 * are skipped. Throws when they are required (CI, LG_BROWSER_TESTS=1) and Chromium is missing.
 */
export function chromiumForTests(): string | undefined {
  const path = findChromium();
  const setting = process.env.LG_BROWSER_TESTS ?? '';
  const disabled = /^(0|false|off)$/i.test(setting);
  const required = !!process.env.CI || /^(1|true|required)$/i.test(setting);
  if (!path && required && !disabled) {
    throw new Error(
      `Chromium not found at ${process.env.CHROMIUM_PATH || '/usr/bin/chromium'}: install it (apt-get install -y chromium) or set CHROMIUM_PATH. Browser tests are required in CI.`,
    );
  }
  if (!path || disabled) {
    console.warn(
      `\n*** BROWSER TESTS SKIPPED: ${disabled ? 'LG_BROWSER_TESTS is off' : 'no Chromium at /usr/bin/chromium (set CHROMIUM_PATH)'}; the widget was NOT tested in a browser. ***\n`,
    );
    return undefined;
  }
  return path;
}

export interface ChromiumSuite {
  readonly api: FakeApi;
  readonly context: BrowserContext;
  /** Console warnings of every page opened in this test. */
  readonly warnings: string[];
  /** Opens `url` in a new page that records uncaught errors and console warnings. */
  open(url: string): Promise<Page>;
}

/** Registers the hooks of a browser test file and returns what its tests use. */
export function useChromium(chromiumPath: string): ChromiumSuite {
  let browser: Browser;
  let api!: FakeApi;
  let context!: BrowserContext;
  let pageErrors: Error[] = [];
  const warnings: string[] = [];
  const suite: ChromiumSuite = {
    get api() {
      return api;
    },
    get context() {
      return context;
    },
    warnings,
    async open(url: string) {
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error));
      page.on('console', (message) => {
        if (message.type() === 'warning') warnings.push(message.text());
      });
      await page.goto(url);
      return page;
    },
  };
  beforeAll(async () => {
    [browser, api] = await Promise.all([launchBrowser(chromiumPath), startFakeApi()]);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });
  beforeEach(async () => {
    api.reset();
    pageErrors = [];
    warnings.length = 0;
    context = await browser.newContext({ viewport: { width: 800, height: 900 } });
  });
  afterEach(async () => {
    await context.close();
    // No uncaught exception or unhandled rejection, whatever the test did.
    expect(pageErrors).toEqual([]);
  });
  return suite;
}

/** Polls `check` every 25 ms until it holds; a bounded loop, not a timed assertion. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The events the page recorded, optionally of one type (`change` or `error`). */
export function recordedEvents(page: Page, type?: string): Promise<RecordedEvent[]> {
  return page
    .evaluate(() => window.lgEvents)
    .then((all) => all.filter((e) => !type || e.type === `logistics-guarantee-${type}`));
}
