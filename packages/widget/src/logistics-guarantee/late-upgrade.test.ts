// The script loads after the page (or its framework) has set up the element: an async
// script, a tag manager. Whatever `lines` became before the upgrade, the widget quotes the
// cart's lines or nothing, never the product-value of a page that meant to send lines.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CAP, CART, PRODUCT_VALUE } from '../test/cart.js';
import { chromiumForTests, recordedEvents, until, useChromium } from '../test/chromium.js';
import { cartPage } from '../test/harness.js';

const chromiumPath = chromiumForTests();

const WIDGET = (attrs = '') =>
  `<logistics-guarantee publishable-key="pk_test_1" product-value="${PRODUCT_VALUE}" name="logistics_guarantee" checked ${attrs}></logistics-guarantee>`;

/** What the widget holds and what its form would submit. */
function read(page: Page) {
  return page.evaluate(() => {
    const el = document.querySelector('logistics-guarantee')!;
    return {
      fee: el.shadowRoot?.querySelector('[part=fee]')?.textContent ?? '',
      value: new FormData(el.closest('form')!).getAll('logistics_guarantee'),
    };
  });
}

describe.skipIf(!chromiumPath)('<logistics-guarantee> defined after the page set it up', () => {
  const suite = useChromium(chromiumPath!);

  /** Opens `html` (which loads no script), runs `setup`, then loads the widget script. */
  async function openLate(html: string, setup: () => void = () => {}) {
    const page = await suite.open(suite.api.page(html));
    await page.evaluate(setup);
    expect(await page.evaluate(() => customElements.get('logistics-guarantee'))).toBeUndefined();
    await page.addScriptTag({ url: '/widget/logistics-guarantee.js', type: 'module' });
    await page.waitForFunction(() => !!document.querySelector('logistics-guarantee')?.shadowRoot);
    return page;
  }

  const quotedLines = () => suite.api.quotes().map((q) => q.variables.input?.lines);

  it('quotes lines assigned as a plain property before the element was defined', async () => {
    const page = await openLate(cartPage(WIDGET(), { src: '' }), () => {
      // As Vue's :lines.prop or a storefront script does before the upgrade.
      Object.assign(document.querySelector('logistics-guarantee')!, {
        lines: [
          { sku: 'TEE-1', title: 'T-shirt', unitPrice: '20.00', quantity: 2 },
          { sku: 'SOCK-3', title: 'Socks', unitPrice: '17.50', quantity: 1 },
        ],
      });
    });
    await until(async () => (await read(page)).value.length > 0);
    expect(quotedLines()).toEqual([CART]);
    expect(await read(page)).toEqual({ fee: '$30.00', value: ['tok_1'] });
    // The own property went through the accessor: later assignments re-quote.
    expect(
      await page.evaluate(() =>
        Object.hasOwn(document.querySelector('logistics-guarantee')!, 'lines'),
      ),
    ).toBe(false);
  });

  it('quotes a JSON lines attribute, and quotes again when the attribute changes', async () => {
    const page = await openLate(cartPage(WIDGET(`lines='${JSON.stringify(CART)}'`), { src: '' }));
    await until(async () => (await read(page)).value.length > 0);
    expect(quotedLines()).toEqual([CART]);
    await page.evaluate(
      (lines) => document.querySelector('logistics-guarantee')!.setAttribute('lines', lines),
      JSON.stringify([...CART, CAP]),
    );
    await until(() => suite.api.quotes().length === 2);
    expect(quotedLines()).toEqual([CART, [...CART, CAP]]);
  });

  it('quotes nothing for an unreadable lines attribute, warns how to fix it, and quotes once the property is set', async () => {
    // What React 19 and Vue 3 leave when they render an array before the upgrade.
    const page = await openLate(
      cartPage(WIDGET('lines="[object Object],[object Object]"'), { src: '' }),
    );
    await until(async () => (await recordedEvents(page, 'error')).length > 0);
    expect((await recordedEvents(page, 'error'))[0]?.detail.code).toBe('INVALID_LINES');
    expect(suite.api.quotes()).toEqual([]);
    expect(await read(page)).toEqual({ fee: '—', value: [] });
    expect(suite.warnings).toEqual([
      expect.stringMatching(
        /set the lines property \(Vue: :lines\.prop\) or load the script first/,
      ),
    ]);

    await page.evaluate((lines) => {
      document.querySelector('logistics-guarantee')!.lines = lines;
    }, CART);
    await until(async () => (await read(page)).value.length > 0);
    expect(quotedLines()).toEqual([CART]);
    expect(await read(page)).toEqual({ fee: '$30.00', value: ['tok_1'] });
  });
});
