// Each quote carries what the shopper is shown, and the purchase keeps it as its consent record:
// a quote must never record a language or a pre-ticked box the page no longer shows.
import { describe, expect, it } from 'vitest';
import { chromiumForTests, until, useChromium } from '../test/chromium.js';
import { cartPage } from '../test/harness.js';

const chromiumPath = chromiumForTests();

const WIDGET =
  '<logistics-guarantee publishable-key="pk_test_1" product-value="456.78" name="logistics_guarantee"></logistics-guarantee>';

describe.skipIf(!chromiumPath)('<logistics-guarantee> presentation (consent)', () => {
  const suite = useChromium(chromiumPath!);

  it('quotes again when the page changes its language or pre-ticks the box', async () => {
    const page = await suite.open(suite.api.page(cartPage(WIDGET)));
    await until(() => suite.api.quotes().length === 1);
    expect(suite.api.quotes()[0]?.variables.input?.presentation).toEqual({
      locale: 'en',
      preselected: false,
      surface: 'widget@0.1.0',
    });

    await page.evaluate(() => {
      const widget = document.querySelector('logistics-guarantee')!;
      widget.setAttribute('locale', 'zh-CN');
      widget.setAttribute('checked', '');
    });
    await until(() =>
      suite.api
        .quotes()
        .some(
          (q) =>
            q.variables.input?.presentation?.preselected &&
            q.variables.input.presentation.locale === 'zh-CN',
        ),
    );
    const last = suite.api.quotes().at(-1)?.variables.input?.presentation;
    expect(last).toEqual({ locale: 'zh-CN', preselected: true, surface: 'widget@0.1.0' });
  });
});
