// Chromium for the API's end-to-end tests, the way the widget's browser tests find it: the
// system's /usr/bin/chromium (or CHROMIUM_PATH) driven by playwright-core, never a download.
// Without it the tests skip loudly, except in CI (or LG_BROWSER_TESTS=required) where they fail.
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Where Chromium is, or undefined when it is not installed. */
function findChromium(): string | undefined {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  return existsSync(path) ? path : undefined;
}

/**
 * Chromium's path when browser tests should run; undefined (after a loud warning) when they
 * should be skipped. Throws when they are required (CI) but no Chromium is installed.
 */
export function chromiumForTests(what: string): string | undefined {
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
      `\n*** BROWSER TESTS SKIPPED: ${disabled ? 'LG_BROWSER_TESTS is off' : 'no Chromium at /usr/bin/chromium (set CHROMIUM_PATH)'}; ${what} was NOT tested in a browser. ***\n`,
    );
    return undefined;
  }
  return path;
}

export function launchBrowser(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
