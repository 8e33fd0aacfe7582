// Events fire once; a listener attached late (a framework's effect) misses them. The
// element's read-only state (status, fee, value, lastError) lets it catch up at any time.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumForTests, recordedEvents, until, useChromium } from '../test/chromium.js';
import { cartPage, type Reply } from '../test/harness.js';

const chromiumPath = chromiumForTests();

const WIDGET = (attrs = '') =>
  `<logistics-guarantee publishable-key="pk_test_1" product-value="456.78" name="logistics_guarantee" ${attrs}></logistics-guarantee>`;

function state(page: Page) {
  return page.evaluate(() => {
    const { status, fee, value, lastError } = document.querySelector('logistics-guarantee')!;
    return { status, fee, value, lastError };
  });
}

describe.skipIf(!chromiumPath)('<logistics-guarantee> read-only state', () => {
  const suite = useChromium(chromiumPath!);

  async function open(html: string) {
    const page = await suite.open(suite.api.page(html));
    await page.waitForFunction(() => !!document.querySelector('logistics-guarantee')?.shadowRoot);
    return page;
  }

  it('goes from loading to ready with the fee, and holds the submitted token as value', async () => {
    let answer: (reply: Reply) => void = () => {};
    suite.api.onQuote = (input, n) =>
      new Promise<Reply>((resolve) => {
        answer = () => resolve(suite.api.okQuote(input, n));
      });
    const page = await open(cartPage(WIDGET()));
    await until(() => suite.api.quotes().length === 1);
    expect(await state(page)).toEqual({
      status: 'loading',
      fee: null,
      value: null,
      lastError: null,
    });

    answer({});
    await until(async () => (await state(page)).status === 'ready');
    // Quoted but not ticked: the fee is known, the form submits nothing.
    expect(await state(page)).toEqual({
      status: 'ready',
      fee: { amount: '45.68', currencyCode: 'USD' },
      value: null,
      lastError: null,
    });
    await page.click('logistics-guarantee input[type=checkbox]');
    await until(async () => (await state(page)).value !== null);
    expect((await state(page)).value).toBe('tok_1');
    expect((await recordedEvents(page, 'change')).at(-1)?.detail.quoteToken).toBe('tok_1');
  });

  it('keeps the latest error for a listener that attaches after it fired, until a quote succeeds', async () => {
    const page = await open(cartPage(WIDGET().replace('pk_test_1', 'pk_test_wrong')));
    await until(async () => (await recordedEvents(page, 'error')).length > 0);
    // Long after the event: a late listener reads what it missed.
    expect(await state(page)).toEqual({
      status: 'error',
      fee: null,
      value: null,
      lastError: { code: 'UNAUTHENTICATED', message: 'the key is unknown or revoked' },
    });

    await page.evaluate(() =>
      document.querySelector('logistics-guarantee')!.setAttribute('publishable-key', 'pk_test_1'),
    );
    await until(async () => (await state(page)).status === 'ready');
    expect((await state(page)).lastError).toBeNull();
  });

  it('is idle when there is nothing to quote', async () => {
    const page = await open(cartPage(WIDGET().replace('456.78', '')));
    await until(async () => (await state(page)).status !== 'loading');
    expect(await state(page)).toEqual({ status: 'idle', fee: null, value: null, lastError: null });
    expect(suite.api.requests).toEqual([]);
  });

  it('refuses assignments: the state is the widget’s own', async () => {
    const page = await open(cartPage(WIDGET()));
    await until(async () => (await state(page)).status === 'ready');
    const writable = await page.evaluate(() => {
      const proto = customElements.get('logistics-guarantee')!.prototype;
      return ['status', 'fee', 'value', 'lastError'].filter(
        (name) => Object.getOwnPropertyDescriptor(proto, name)?.set !== undefined,
      );
    });
    expect(writable).toEqual([]);
  });
});
