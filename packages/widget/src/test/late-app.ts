// What the framework tests of both elements share: open a React or Vue test app on another
// origin than the element and its API, read what the app left on the still-undefined element,
// then load the element's script, as an async script or a tag manager would.
import type { Page } from 'playwright-core';
import type { ChromiumSuite } from './chromium.js';
import { type AppName, appPage } from './harness.js';
import type { ClaimsPageConfig, PageConfig } from './pages/config.js';

/** The element under test: its tag, its script's path, and what to read before it upgrades. */
export interface LateElement {
  tag: string;
  script: string;
  attributes: string[];
  properties: string[];
}

/** What the framework left on the element before it was defined. */
export interface LeftBeforeUpgrade {
  defined: boolean;
  /** The attributes asked for, null when absent. */
  attributes: Record<string, string | null>;
  /** Which of the properties asked for are own properties (set by the app, not the class). */
  ownProperties: string[];
}

export async function openAppLate(
  suite: ChromiumSuite,
  app: AppName,
  config: PageConfig | ClaimsPageConfig,
  element: LateElement,
): Promise<{ page: Page; left: LeftBeforeUpgrade }> {
  // localhost and 127.0.0.1 are different origins: the page is the storefront's.
  const url = suite.api.page(appPage(app, config)).replace('127.0.0.1', 'localhost');
  const page = await suite.open(url);
  await page.waitForSelector(element.tag, { state: 'attached' });
  const left = await page.evaluate(({ tag, attributes, properties }) => {
    const el = document.querySelector(tag)!;
    return {
      defined: !!customElements.get(tag),
      attributes: Object.fromEntries(attributes.map((name) => [name, el.getAttribute(name)])),
      ownProperties: properties.filter((name) => Object.hasOwn(el, name)),
    };
  }, element);
  await page.addScriptTag({ url: `${suite.api.origin}${element.script}`, type: 'module' });
  await page.waitForFunction((tag) => !!document.querySelector(tag)?.shadowRoot, element.tag);
  return { page, left };
}
