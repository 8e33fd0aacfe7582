// Keyboard, screen readers, axe-core and layout stability of the built bundle in Chromium.
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumForTests, recordedEvents, until, useChromium } from '../test/chromium.js';
import { cartPage } from '../test/harness.js';

const chromiumPath = chromiumForTests();
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const WIDGET = (attrs = '') =>
  `<logistics-guarantee publishable-key="pk_test_1" product-value="456.78" name="logistics_guarantee" ${attrs}></logistics-guarantee>`;

describe.skipIf(!chromiumPath)('<logistics-guarantee> accessibility and layout', () => {
  const suite = useChromium(chromiumPath!);

  async function open(html: string): Promise<Page> {
    const page = await suite.open(suite.api.page(html));
    await page.waitForFunction(() => !!document.querySelector('logistics-guarantee')?.shadowRoot);
    return page;
  }

  const fee = (page: Page) =>
    page.evaluate(
      () =>
        document.querySelector('logistics-guarantee')?.shadowRoot?.querySelector('[part=fee]')
          ?.textContent ?? '',
    );

  const formValue = (page: Page) =>
    page.evaluate(() =>
      new FormData(document.querySelector('form')!).getAll('logistics_guarantee'),
    );

  it('is operable with the keyboard: Tab reaches the checkbox, Space toggles it', async () => {
    const page = await open(cartPage(WIDGET()));
    await until(async () => (await fee(page)) === '$45.68');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      return `${el?.localName} > ${el?.shadowRoot?.activeElement?.getAttribute('part')}`;
    });
    expect(focused).toBe('logistics-guarantee > checkbox');
    await page.keyboard.press('Space');
    expect(await formValue(page)).toEqual(['tok_1']);
    await page.keyboard.press('Space');
    expect(await formValue(page)).toEqual([]);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(
      await page.evaluate(
        () =>
          document.querySelector('logistics-guarantee')!.shadowRoot!.querySelector('details')!.open,
      ),
    ).toBe(true);
  });

  it('ties the label and description to the checkbox and announces the fee politely', async () => {
    const page = await open(cartPage(WIDGET()));
    await until(async () => (await fee(page)) === '$45.68');
    const a11y = await page.evaluate(() => {
      const root = document.querySelector('logistics-guarantee')!.shadowRoot!;
      const input = root.querySelector('input')!;
      const described = root.getElementById(input.getAttribute('aria-describedby')!);
      return {
        labelled: input.labels?.[0]?.textContent?.includes('Add shipping protection'),
        describedBy: described?.querySelector('span:not([aria-hidden])')?.textContent,
        live: root.querySelector('[aria-live]')?.getAttribute('aria-live'),
      };
    });
    expect(a11y.labelled).toBe(true);
    expect(a11y.describedBy).toContain('per package');
    expect(a11y.live).toBe('polite');
  });

  const pages: [string, { lang?: string; head?: string }][] = [
    ['a light page', {}],
    [
      'a dark page',
      { head: '<style>:root { color-scheme: dark; background: #121212; color: #eee; }</style>' },
    ],
    ['a Chinese page', { lang: 'zh-CN' }],
  ];
  it.each(pages)('passes axe-core with zero violations on %s', async (_name, options) => {
    const page = await open(
      cartPage(
        `${WIDGET()}
        <logistics-guarantee publishable-key="pk_test_1" product-value="abc" name="b"></logistics-guarantee>`,
        options,
      ),
    );
    await page.waitForFunction(
      () =>
        document.querySelector('logistics-guarantee')?.shadowRoot?.querySelector('[part=fee]')
          ?.textContent !== '',
    );
    await page.evaluate(() => {
      document
        .querySelector('logistics-guarantee')!
        .shadowRoot!.querySelector('details')!.open = true;
    });
    await page.addScriptTag({ path: axePath });
    const violations = await page.evaluate(async () => {
      // biome-ignore lint/suspicious/noExplicitAny: axe is injected at runtime, untyped here.
      const result = await (window as any).axe.run(document);
      return result.violations.map((v: { id: string; help: string }) => `${v.id}: ${v.help}`);
    });
    expect(violations).toEqual([]);
  });

  const layouts: [string, { lang?: string; head?: string }][] = [
    ['in English on a 420 px cart', {}],
    [
      'in Chinese on a narrow 260 px cart',
      { lang: 'zh-CN', head: '<style>body { width: 260px }</style>' },
    ],
  ];
  it.each(layouts)(
    'reserves its space %s: no layout shift when the quote, or a failure, arrives',
    async (_name, options) => {
      suite.api.onQuote = (input, n) => ({ ...suite.api.okQuote(input, n), delayMs: 800 });
      const measure = (page: Page) =>
        page.evaluate(() => ({
          height: document.querySelector('logistics-guarantee')!.getBoundingClientRect().height,
          below: document.querySelector('#below')!.getBoundingClientRect().top,
        }));
      const page = await open(cartPage(WIDGET(), options));
      expect(await fee(page)).toBe('');
      const loading = await measure(page);
      expect(loading.height).toBeGreaterThan(60);
      await page.waitForFunction(
        () =>
          document.querySelector('logistics-guarantee')?.shadowRoot?.querySelector('[part=fee]')
            ?.textContent !== '',
      );
      expect(await measure(page)).toEqual(loading);

      suite.api.onQuote = () => ({ status: 503, body: 'down', delayMs: 300 });
      await page.evaluate(() =>
        document.querySelector('logistics-guarantee')!.setAttribute('product-value', '120.00'),
      );
      await until(async () => (await recordedEvents(page, 'error')).length > 0, 3000);
      expect(await measure(page)).toEqual(loading);
    },
  );
});
