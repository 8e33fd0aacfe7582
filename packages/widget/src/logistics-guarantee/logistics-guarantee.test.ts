// The built bundle in a real Chromium against a fake /graphql (see ../test/harness.ts).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumForTests, recordedEvents, until, useChromium } from '../test/chromium.js';
import { cartPage, type Reply } from '../test/harness.js';

const chromiumPath = chromiumForTests();

const usd = (amount: number, locale = 'en-US') =>
  new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' }).format(amount);

const WIDGET = (attrs = '') =>
  `<logistics-guarantee publishable-key="pk_test_1" product-value="456.78" name="logistics_guarantee" ${attrs}></logistics-guarantee>`;

describe.skipIf(!chromiumPath)('<logistics-guarantee> in Chromium', () => {
  const suite = useChromium(chromiumPath!);

  async function open(html: string, url?: (pageUrl: string) => string): Promise<Page> {
    const pageUrl = suite.api.page(html);
    const page = await suite.open(url ? url(pageUrl) : pageUrl);
    await page.waitForFunction(() => !!document.querySelector('logistics-guarantee')?.shadowRoot);
    return page;
  }

  /** What the shopper sees and what the form would submit. */
  function read(page: Page, selector = 'logistics-guarantee') {
    return page.evaluate((selector) => {
      const el = document.querySelector(selector)!;
      const root = el.shadowRoot!;
      const text = (s: string) => root.querySelector(s)?.textContent?.trim() ?? '';
      const form = el.closest('form');
      const name = el.getAttribute('name') ?? '';
      return {
        label: text('label span'),
        fee: text('[part=fee]'),
        description: text('[part=description] > span'),
        details: text('details'),
        announced: text('[aria-live=polite]'),
        checked: root.querySelector('input')!.checked,
        value: form ? new FormData(form).getAll(name) : [],
        valid: form ? form.checkValidity() && !el.matches(':invalid') : true,
      };
    }, selector);
  }

  async function waitForFee(page: Page, text: string, selector = 'logistics-guarantee') {
    await page.waitForFunction(
      ([s, t]) =>
        document.querySelector(s!)?.shadowRoot?.querySelector('[part=fee]')?.textContent === t,
      [selector, text],
    );
  }

  async function setAttr(page: Page, name: string, value: string) {
    await page.evaluate(
      ([n, v]) => document.querySelector('logistics-guarantee')!.setAttribute(n!, v!),
      [name, value],
    );
  }

  describe('quote display', () => {
    it('shows the quoted fee, what is covered and the policy, in English by default', async () => {
      const page = await open(cartPage(WIDGET()));
      await waitForFee(page, '$45.68');
      const state = await read(page);
      expect(state.label).toBe('Add shipping protection');
      expect(state.description).toContain('up to $5,000.00 per package');
      expect(state.description).toContain('24 hours');
      expect(state.announced).toBe('Add shipping protection: $45.68');
      for (const text of ['Natural disasters', 'Incorrect address', 'Sanctions', '24 hours']) {
        expect(state.details).toContain(text);
      }
      expect(state.details).toContain('30 days');
      expect(state.details).toContain('7 days');
      // What is covered, with the policy's amounts as the quote carries them.
      expect(state.details).toContain(
        "Loss: the items' value and 100% of shipping, up to $5,000.00 per package.",
      );
      expect(state.details).toContain('Damage: up to 30% of shipping plus $100.00 for the items.');
      expect(state.details).toContain('Minimum fee: $30.00.');
      // R13 is how to claim, not something the guarantee excludes: said as advice, not listed.
      expect(state.details).not.toContain('Missing documents');
      expect(state.details).toContain('Send the proof of purchase');
      const [quote] = suite.api.quotes();
      expect(quote?.headers.authorization).toBe('Bearer pk_test_1');
      expect(quote?.variables.input).toEqual({
        currencyCode: 'USD',
        lines: [{ title: 'Cart', unitPrice: '456.78', quantity: 1 }],
        // The consent record: the page's language, an unticked box, this build.
        presentation: { locale: 'en', preselected: false, surface: 'widget@0.1.0' },
      });
      expect(quote?.query).toMatch(/^mutation Quote\(\$input:QuoteGuaranteeInput!\)/);
      // The policy comes with the quote: one request, no separate policy query.
      expect(suite.api.requests.map((r) => r.kind)).toEqual(['quote']);
    });

    it('speaks Simplified Chinese for zh, zh-CN and zh-Hans, and formats money per locale', async () => {
      const page = await open(
        cartPage(
          [
            '<logistics-guarantee id="page" publishable-key="pk_test_1" product-value="456.78"></logistics-guarantee>',
            '<logistics-guarantee id="cn" locale="zh-CN" publishable-key="pk_test_1" product-value="456.78"></logistics-guarantee>',
            '<logistics-guarantee id="zh" locale="zh" publishable-key="pk_test_1" product-value="456.78"></logistics-guarantee>',
            '<logistics-guarantee id="gb" locale="en-GB" publishable-key="pk_test_1" product-value="456.78"></logistics-guarantee>',
          ].join('\n'),
          { lang: 'zh-Hans' },
        ),
      );
      for (const id of ['#page', '#cn', '#zh']) {
        await waitForFee(page, usd(45.68, 'zh-CN'), id);
        const state = await read(page, id);
        expect(state.label).toBe('添加物流保障');
        expect(state.description).toContain(`每个包裹最高 ${usd(5000, 'zh-CN')}`);
        expect(state.details).toContain('24 小时');
        // The policy's own translations; English where it has none; claim conditions apart.
        expect(state.details).toContain('自然灾害');
        expect(state.details).toContain('收货地址错误');
        expect(state.details).toContain('Sanctions');
        expect(state.details).not.toContain('Natural disasters');
        expect(state.details).not.toContain('缺少材料');
        expect(state.details).toContain(
          `丢失：赔付商品价值及 100% 运费，每个包裹最高 ${usd(5000, 'zh-CN')}。`,
        );
        expect(state.details).toContain(`损坏：最高赔付 30% 运费，另加商品 ${usd(100, 'zh-CN')}。`);
        expect(state.details).toContain(`保障费最低 ${usd(30, 'zh-CN')}。`);
      }
      await waitForFee(page, usd(45.68, 'en-GB'), '#gb');
      expect((await read(page, '#gb')).label).toBe('Add shipping protection');
    });

    it('quotes the lines property, which wins over product-value', async () => {
      const before = `<script>
        document.querySelector('logistics-guarantee').lines = [
          { sku: 'TEE-1', title: 'T-shirt', unitPrice: '20.00', quantity: 2, image: 'tee.png' },
          { sku: 'CAP-1', title: 'Cap', unitPrice: '15.50', quantity: 0 },
        ];
      </script>`;
      const page = await open(cartPage(WIDGET('product-value="999.00"'), { before }));
      await waitForFee(page, '$30.00');
      const expected = [{ sku: 'TEE-1', title: 'T-shirt', unitPrice: '20.00', quantity: 2 }];
      expect(suite.api.quotes().map((q) => q.variables.input?.lines)).toEqual([expected]);
      await page.evaluate(() => {
        const el = document.querySelector('logistics-guarantee')!;
        el.lines = [{ title: 'Lamp', unitPrice: '1000.00', quantity: 1 }];
      });
      await waitForFee(page, '$100.00');
      await setAttr(page, 'product-value', '5.00');
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(suite.api.quotes()).toHaveLength(2);
    });

    it('makes no request and shows a quiet message for an empty, invalid or zero product-value', async () => {
      const page = await open(
        cartPage(WIDGET('product-value="abc"').replace('product-value="456.78" ', '')),
      );
      await until(async () => (await read(page)).description.includes('once your cart has items'));
      for (const value of ['0', '0.00', '', '-5', '1,000']) {
        await setAttr(page, 'product-value', value);
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect((await read(page)).description).toContain('once your cart has items');
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(suite.api.quotes()).toHaveLength(0);
      expect(await recordedEvents(page, 'error')).toEqual([]);
      expect((await read(page)).value).toEqual([]);
    });
  });

  describe('currencies other than USD', () => {
    /**
     * What the API answers for a cart in another currency: the fee and the policy's amounts
     * already converted at the quote's rate and rounded to the currency's minor unit (the
     * widget formats them; it computes none). EUR at 0.92 is the contract's worked example.
     */
    function foreignQuote(
      currencyCode: string,
      perUsd: string,
      [fee, minimumFee, maxPerPackage, damageProductCap]: string[],
    ): Reply {
      const money = (amount?: string) => ({ amount, currencyCode });
      return {
        body: {
          data: {
            quoteGuarantee: {
              quote: {
                token: `tok_${currencyCode}`,
                fee: money(fee),
                expiresAt: new Date(Date.now() + 30 * 60_000).toISOString(),
                maxCompensationPerPackage: money(maxPerPackage),
                exchangeRate: { currencyCode, perUsd, asOf: '2026-12-01T15:00:00Z', source: 'ECB' },
                policy: {
                  claimWindowHours: 24,
                  unclaimedDays: 30,
                  responseDays: 7,
                  minimumFee: money(minimumFee),
                  maxCompensationPerPackage: money(maxPerPackage),
                  damageProductCap: money(damageProductCap),
                  damageShippingShare: '0.30',
                  lossShippingShare: '1.00',
                  exclusions: [],
                },
              },
              userErrors: [],
            },
          },
        },
      };
    }

    // Intl's own spacing (a no-break space after "KWD") read as a plain space.
    const plain = (text: string) => text.replace(/\s/g, ' ');

    it.each([
      // [currency, rate, API amounts (fee, minimum fee, cap, damage cap), cart, shown as]
      [
        'EUR',
        '0.92',
        ['27.60', '27.60', '4600.00', '92.00'],
        '100.00',
        ['€27.60', '€27.60', '€4,600.00', '€92.00'],
      ],
      [
        'JPY',
        '150.25',
        ['4508', '4508', '751250', '15025'],
        '10000',
        ['¥4,508', '¥4,508', '¥751,250', '¥15,025'],
      ],
      [
        'KWD',
        '0.30712',
        ['25.000', '9.214', '1535.600', '30.712'],
        '250.000',
        ['KWD 25.000', 'KWD 9.214', 'KWD 1,535.600', 'KWD 30.712'],
      ],
    ])(
      "shows a cart in %s its fee and the coverage amounts with the currency's decimals",
      async (currency, rate, amounts, value, [fee, minimumFee, maxPerPackage, damageCap]) => {
        suite.api.onQuote = (input) => foreignQuote(input.currencyCode, rate, amounts);
        const page = await open(
          cartPage(WIDGET(`currency-code="${currency}"`).replace('456.78', value)),
        );
        await page.waitForFunction(() =>
          /\d/.test(
            document.querySelector('logistics-guarantee')?.shadowRoot?.querySelector('[part=fee]')
              ?.textContent ?? '',
          ),
        );
        const state = await read(page);
        expect(plain(state.fee)).toBe(fee);
        expect(plain(state.announced)).toBe(`Add shipping protection: ${fee}`);
        expect(plain(state.description)).toContain(`up to ${maxPerPackage} per package`);
        const details = plain(state.details);
        expect(details).toContain(
          `Loss: the items' value and 100% of shipping, up to ${maxPerPackage} per package.`,
        );
        expect(details).toContain(`Damage: up to 30% of shipping plus ${damageCap} for the items.`);
        expect(details).toContain(`Minimum fee: ${minimumFee}.`);
        expect(details).not.toContain('$');
        expect(suite.api.quotes()[0]?.variables.input).toMatchObject({
          currencyCode: currency,
          lines: [{ unitPrice: value, quantity: 1 }],
        });
        // The change event carries the fee as the API gave it.
        await page.click('logistics-guarantee input[type=checkbox]');
        const [change] = (await recordedEvents(page, 'change')).slice(-1);
        expect(change?.detail.fee).toEqual({ amount: amounts[0], currencyCode: currency });
      },
    );

    it('says the amounts of a yen cart in Simplified Chinese', async () => {
      suite.api.onQuote = (input) =>
        foreignQuote(input.currencyCode, '150.25', ['4508', '4508', '751250', '15025']);
      const page = await open(
        cartPage(WIDGET('currency-code="JPY" locale="zh-CN"').replace('456.78', '10000')),
      );
      const yen = (amount: number) =>
        new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'JPY' }).format(amount);
      await waitForFee(page, yen(4508));
      expect(yen(4508)).not.toContain('.');
      const { details } = await read(page);
      expect(details).toContain(`丢失：赔付商品价值及 100% 运费，每个包裹最高 ${yen(751250)}。`);
      expect(details).toContain(`损坏：最高赔付 30% 运费，另加商品 ${yen(15025)}。`);
      expect(details).toContain(`保障费最低 ${yen(4508)}。`);
    });
  });

  describe('form value and events', () => {
    it('is unchecked by default and then submits nothing', async () => {
      const page = await open(cartPage(WIDGET()));
      await waitForFee(page, '$45.68');
      const state = await read(page);
      expect(state.checked).toBe(false);
      expect(state.value).toEqual([]);
      expect(state.valid).toBe(true);
      expect(await recordedEvents(page, 'change')).toEqual([]);
      await page.click('button[type=submit]');
      await until(() => suite.api.submissions.length === 1);
      expect(suite.api.submissions[0]?.get('order')).toBe('SO-1');
      expect(suite.api.submissions[0]?.has('logistics_guarantee')).toBe(false);
    });

    it('is pre-ticked by the checked attribute and then submits the quote token', async () => {
      const page = await open(cartPage(WIDGET('checked')));
      await waitForFee(page, '$45.68');
      const state = await read(page);
      expect(state.checked).toBe(true);
      expect(state.value).toEqual(['tok_1']);
      const [change] = await recordedEvents(page, 'change');
      expect(change?.detail).toEqual({
        selected: true,
        fee: { amount: '45.68', currencyCode: 'USD' },
        quoteToken: 'tok_1',
        expiresAt: expect.any(String),
      });
      // The purchase's consent record will say the box started ticked.
      expect(suite.api.quotes()[0]?.variables.input?.presentation).toMatchObject({
        preselected: true,
      });
      await page.click('button[type=submit]');
      await until(() => suite.api.submissions.length === 1);
      expect(suite.api.submissions[0]?.get('logistics_guarantee')).toBe('tok_1');
    });

    it('toggles with a click, emitting bubbling composed change events', async () => {
      const page = await open(cartPage(WIDGET()));
      await waitForFee(page, '$45.68');
      await page.click('logistics-guarantee input[type=checkbox]');
      expect((await read(page)).value).toEqual(['tok_1']);
      await page.click('logistics-guarantee label');
      expect((await read(page)).value).toEqual([]);
      const changes = await recordedEvents(page, 'change');
      expect(changes.map((e) => e.detail)).toEqual([
        expect.objectContaining({ selected: true, quoteToken: 'tok_1' }),
        { selected: false, fee: null, quoteToken: null, expiresAt: null },
      ]);
      expect(changes.every((e) => e.bubbles && e.composed)).toBe(true);
      // The field name follows the name property (reflected to the attribute).
      await page.evaluate(() => {
        document.querySelector('logistics-guarantee')!.name = 'lg';
      });
      await page.click('logistics-guarantee input[type=checkbox]');
      expect(
        await page.evaluate(() => new FormData(document.querySelector('form')!).get('lg')),
      ).toBe('tok_1');
    });

    it('restores the default on form reset', async () => {
      const page = await open(
        cartPage(`${WIDGET()}
          <logistics-guarantee id="ticked" publishable-key="pk_test_1" product-value="10.00" name="second" checked></logistics-guarantee>`),
      );
      await waitForFee(page, '$45.68');
      await waitForFee(page, '$30.00', '#ticked');
      await page.click('logistics-guarantee input[type=checkbox]');
      await page.click('#ticked input[type=checkbox]');
      const formData = () =>
        page.evaluate(() => [...new FormData(document.querySelector('form')!).keys()].sort());
      expect(await formData()).toEqual(['logistics_guarantee', 'order']);
      await page.evaluate(() => document.querySelector('form')!.reset());
      await until(async () => (await formData()).join() === 'order,second');
      expect((await read(page)).checked).toBe(false);
      expect((await read(page, '#ticked')).checked).toBe(true);
    });
  });

  describe('re-quoting', () => {
    it('debounces a burst of cart edits into one request', async () => {
      const page = await open(cartPage(WIDGET()));
      await waitForFee(page, '$45.68');
      await page.evaluate(async () => {
        const el = document.querySelector('logistics-guarantee')!;
        for (const value of ['500.00', '600.00', '700.00', '800.00', '900.00']) {
          el.setAttribute('product-value', value);
          await new Promise((resolve) => setTimeout(resolve, 30));
        }
      });
      await waitForFee(page, '$90.00');
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(suite.api.quotes().map((q) => q.variables.input?.lines[0]?.unitPrice)).toEqual([
        '456.78',
        '900.00',
      ]);
    });

    it('never shows the old fee or submits the old token while the new quote loads, and keeps the choice', async () => {
      const page = await open(cartPage(WIDGET('checked')));
      await waitForFee(page, '$45.68');
      suite.api.onQuote = (input, n) => ({ ...suite.api.okQuote(input, n), delayMs: 1500 });
      await setAttr(page, 'product-value', '1000.00');
      const loading = await read(page);
      expect(loading.fee).toBe('');
      expect(loading.description).toBe('Getting the price…');
      expect(loading.value).toEqual([]);
      expect(loading.checked).toBe(true);
      await waitForFee(page, '$100.00');
      expect((await read(page)).value).toEqual(['tok_2']);
      expect((await recordedEvents(page, 'change')).map((e) => e.detail.quoteToken)).toEqual([
        'tok_1',
        null,
        'tok_2',
      ]);
    });

    it('re-quotes at least 60 s before the quote expires, keeping the valid quote meanwhile', async () => {
      suite.api.quoteTtlMs = 62_000;
      const page = await open(cartPage(WIDGET('checked')));
      await waitForFee(page, '$45.68');
      await until(() => suite.api.quotes().length >= 2, 5000);
      await until(async () => (await read(page)).value[0] === 'tok_2');
      expect((await recordedEvents(page, 'change')).map((e) => e.detail.quoteToken)).toEqual([
        'tok_1',
        'tok_2',
      ]);
    });
  });

  describe('failures', () => {
    const failures: [string, Reply, string][] = [
      ['an HTTP 500', { status: 500, body: 'Internal Server Error' }, 'HTTP_500'],
      ['a dropped connection', { destroy: true }, 'NETWORK_ERROR'],
      [
        'a FORBIDDEN origin',
        {
          body: {
            errors: [{ message: 'Origin not allowed', extensions: { code: 'FORBIDDEN' } }],
            data: null,
          },
        },
        'FORBIDDEN',
      ],
      [
        'a userErrors refusal',
        {
          body: {
            data: {
              quoteGuarantee: {
                quote: null,
                userErrors: [
                  {
                    field: ['input', 'currencyCode'],
                    message: 'EUR',
                    code: 'UNSUPPORTED_CURRENCY',
                  },
                ],
              },
            },
          },
        },
        'UNSUPPORTED_CURRENCY',
      ],
    ];

    it.each(failures)(
      'after %s: quiet message, error event, no form value, usable cart; the choice applies once a quote arrives',
      async (_name, reply, code) => {
        suite.api.onQuote = () => reply;
        const started = Date.now();
        const page = await open(cartPage(WIDGET('checked')));
        await until(async () => (await recordedEvents(page, 'error')).length > 0, 3000);
        expect(Date.now() - started).toBeLessThan(4000);
        expect((await recordedEvents(page, 'error'))[0]?.detail).toEqual({
          code,
          message: expect.any(String),
        });
        const state = await read(page);
        expect(state.description).toBe('Shipping protection is unavailable right now.');
        expect(state.fee).toBe('—');
        expect(state.value).toEqual([]);
        expect(state.checked).toBe(true);
        expect(state.valid).toBe(true);
        expect(await recordedEvents(page, 'change')).toEqual([]);
        // The API comes back and the cart changes: the kept choice applies to the new quote.
        suite.api.onQuote = (input, n) => suite.api.okQuote(input, n);
        await setAttr(page, 'product-value', '300.00');
        await waitForFee(page, '$30.00');
        expect((await read(page)).value).toEqual([`tok_${suite.api.quotes().length}`]);
        await page.click('button[type=submit]');
        await until(() => suite.api.submissions.length === 1);
        expect(suite.api.submissions[0]?.get('order')).toBe('SO-1');
      },
    );

    it("shows no terms after a refusal: the previous quote's details go with its fee", async () => {
      const page = await open(cartPage(WIDGET()));
      await waitForFee(page, '$45.68');
      const hidden = () =>
        page.evaluate(() =>
          document
            .querySelector('logistics-guarantee')!
            .shadowRoot!.querySelector('details')!
            .classList.contains('hidden'),
        );
      expect(await hidden()).toBe(false);
      suite.api.onQuote = () => ({
        body: {
          data: {
            quoteGuarantee: {
              quote: null,
              userErrors: [
                { field: ['input', 'currencyCode'], message: 'JPY', code: 'UNSUPPORTED_CURRENCY' },
              ],
            },
          },
        },
      });
      await setAttr(page, 'currency-code', 'JPY');
      await until(async () => (await recordedEvents(page, 'error')).length > 0, 3000);
      expect((await read(page)).fee).toBe('—');
      expect(await hidden()).toBe(true);
    });

    it('submits the cart without a guarantee when the API is down', async () => {
      suite.api.onQuote = () => ({ destroy: true });
      const page = await open(cartPage(WIDGET('checked')));
      await until(async () => (await recordedEvents(page, 'error')).length > 0, 3000);
      await page.click('button[type=submit]');
      await until(() => suite.api.submissions.length === 1);
      expect([...(suite.api.submissions[0]?.keys() ?? [])]).toEqual(['order']);
    });

    it('works across origins with CORS, and reports a refused origin as a network error', async () => {
      const crossOrigin = (pageUrl: string) => pageUrl.replace('127.0.0.1', 'localhost');
      const src = `${suite.api.origin}/widget/logistics-guarantee.js`;
      const page = await open(cartPage(WIDGET(), { src }), crossOrigin);
      await waitForFee(page, '$45.68');
      expect(suite.api.quotes()[0]?.headers.origin).toBe(`http://localhost:${suite.api.port}`);

      suite.api.cors = 'deny';
      const refused = await open(cartPage(WIDGET('checked'), { src }), crossOrigin);
      await until(async () => (await recordedEvents(refused, 'error')).length > 0, 3000);
      expect((await recordedEvents(refused, 'error'))[0]?.detail.code).toBe('NETWORK_ERROR');
      expect((await read(refused)).value).toEqual([]);
    });

    it('reports a missing publishable key without calling the API', async () => {
      const page = await open(cartPage(WIDGET().replace('publishable-key="pk_test_1"', '')));
      await until(async () => (await recordedEvents(page, 'error')).length > 0, 3000);
      expect((await recordedEvents(page, 'error'))[0]?.detail.code).toBe('MISSING_PUBLISHABLE_KEY');
      expect(suite.api.requests).toHaveLength(0);
    });

    it('survives the script being loaded twice', async () => {
      const page = await open(
        cartPage(WIDGET(), {
          before: '<script type="module" src="/widget/logistics-guarantee.js?again"></script>',
        }),
      );
      await waitForFee(page, '$45.68');
    });
  });
});
