// End to end: the API started the way `pnpm start` starts it (demo storefront included), the
// demo cart in a real Chromium with the built widget, a checkout, and the guarantee it bought
// read back over GraphQL. Skips loudly without Chromium, fails in CI (test-support/browser.ts).
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../start-server.js';
import { chromiumForTests, launchBrowser } from '../test-support/browser.js';
import { type DemoServer, startDemoServer } from '../test-support/demo-server.js';

interface Money {
  amount: string;
  currencyCode: string;
}

interface ChangeDetail {
  selected: boolean;
  fee: Money | null;
  quoteToken: string | null;
  expiresAt: string | null;
}

/** The page's record of change events, typed here: apps/api compiles without the DOM lib. */
interface Recorded {
  lgChanges: ChangeDetail[];
}

const RECORD_CHANGES = `window.lgChanges = [];
document.addEventListener('logistics-guarantee-change', (event) => window.lgChanges.push(event.detail));`;

const chromiumPath = chromiumForTests('the demo checkout');

const usd = (amount: string) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(Number(amount));

const GUARANTEE_BY_ORDER = `query($orderNumber: String!, $storefrontId: ID) {
  guaranteeByOrderNumber(orderNumber: $orderNumber, storefrontId: $storefrontId) {
    id orderNumber status memberId
    fee { amount currencyCode }
    productValue { amount currencyCode }
  }
}`;

interface GuaranteeRow {
  id: string;
  orderNumber: string;
  status: string;
  memberId: string;
  fee: Money;
  productValue: Money;
}

describe.skipIf(!chromiumPath)('demo checkout in Chromium', () => {
  let demo: DemoServer;
  let server: RunningServer;
  let operatorKey: string;
  let browser: Browser;

  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    const starting = startDemoServer('demo').then((started) => {
      demo = started;
      ({ server, operatorKey } = started);
    });
    [browser] = await Promise.all([launchBrowser(chromiumPath!), starting]);
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1100, height: 900 } });
    page = await context.newPage();
    problems = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
    });
    await page.addInitScript(RECORD_CHANGES);
  });

  afterEach(async () => {
    await context?.close();
  });

  const widget = () => page.locator('logistics-guarantee');
  const feeText = () => widget().locator('[part="fee"]');
  const checkbox = () => widget().locator('input[type="checkbox"]');
  /** The form's value for the widget's field, as the browser would submit it. */
  const formToken = () =>
    page.evaluate<string | null>(
      `new FormData(document.querySelector('form')).get('logistics_guarantee')`,
    );
  /** Waits for a change event that selects a quote other than `previous`, and returns it. */
  const selectedChange = async (previous: string | null = null): Promise<ChangeDetail> => {
    const handle = await page.waitForFunction(
      (prev) => {
        const last = (globalThis as unknown as Recorded).lgChanges.at(-1);
        return last?.selected && last.quoteToken !== prev ? last : undefined;
      },
      previous,
      { timeout: 10_000 },
    );
    return (await handle.jsonValue()) as ChangeDetail;
  };
  /** The displayed fee once a quote is shown (a currency amount, not the placeholder or —). */
  const shownFee = async (): Promise<string> => {
    await expect.poll(() => feeText().textContent(), { timeout: 10_000 }).toMatch(/^\$\d/);
    return (await feeText().textContent()) ?? '';
  };
  const guaranteeFor = async (orderNumber: string): Promise<GuaranteeRow | null> => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${operatorKey}` },
      body: JSON.stringify({
        query: GUARANTEE_BY_ORDER,
        variables: {
          orderNumber,
          storefrontId: encodeGlobalID('Storefront', server.demo!.storefrontId),
        },
      }),
    });
    const body = (await response.json()) as {
      data?: { guaranteeByOrderNumber: GuaranteeRow | null };
      errors?: unknown[];
    };
    expect(body.errors).toBeUndefined();
    return body.data?.guaranteeByOrderNumber ?? null;
  };

  it('buys the guarantee with the fee the widget quoted for the final cart', async () => {
    expect(server.demo).not.toBeNull();
    await page.goto(`${server.url}/`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Your cart');

    // The quote arrives; the box is not pre-ticked and the form carries nothing yet.
    const firstFee = await shownFee();
    expect(firstFee).toBe('$30.00'); // $204.99 of goods: the policy's minimum fee
    expect(await checkbox().isChecked()).toBe(false);
    expect(await formToken()).toBeNull();
    expect(await page.locator('#protection').textContent()).toBe('—');
    expect(await page.locator('#total').textContent()).toBe('$204.99');

    // Opt in with the keyboard: the change event carries the token and the shown fee.
    await checkbox().focus();
    await page.keyboard.press('Space');
    expect(await checkbox().isChecked()).toBe(true);
    const first = await selectedChange();
    expect(usd(first.fee!.amount)).toBe(firstFee);
    expect(await formToken()).toBe(first.quoteToken);
    expect(await page.locator('#protection').textContent()).toBe(firstFee);
    expect(await page.locator('#total').textContent()).toBe('$234.99');

    // A bigger cart: the widget quotes again and the form carries the new token.
    await page.locator('input[name="qty_PACK-28"]').fill('5');
    const second = await selectedChange(first.quoteToken);
    const finalFee = await shownFee();
    expect(finalFee).not.toBe(firstFee);
    expect(usd(second.fee!.amount)).toBe(finalFee);
    expect(await checkbox().isChecked()).toBe(true);
    expect(await formToken()).toBe(second.quoteToken);
    expect(await page.locator('#subtotal').textContent()).toBe('$560.99');
    expect(await page.locator('#protection').textContent()).toBe(finalFee);

    const orderNumber = await page.locator('input[name="orderNumber"]').inputValue();
    expect(orderNumber).toMatch(/^SO-\d{6}$/);
    const posted = page.waitForRequest((r) => r.url().endsWith('/demo/checkout'));
    await page.getByRole('button', { name: /Place order/ }).click();
    expect(new URLSearchParams((await posted).postData() ?? '').get('logistics_guarantee')).toBe(
      second.quoteToken,
    );
    await page.waitForURL(`${server.url}/demo/checkout`);

    // The confirmation page shows the guarantee bought with that fee.
    expect(await page.locator('h1').textContent()).toBe(`Order ${orderNumber} confirmed`);
    const section = page.locator('section[aria-labelledby="g"]');
    expect(await section.locator('h2').textContent()).toBe('Protection added');
    const shown = Object.fromEntries(
      await section
        .locator('dt')
        .evaluateAll((dts) =>
          dts.map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]),
        ),
    ) as Record<string, string>;
    expect(shown.Fee).toBe(finalFee);
    expect(shown.Status).toBe('Active');
    expect(shown.Order).toBe(orderNumber);
    expect(shown['Protected value']).toBe('$560.99');

    // And the API holds it: active, with the fee the widget showed for the final cart.
    const guarantee = await guaranteeFor(orderNumber);
    expect(guarantee).toMatchObject({
      orderNumber,
      status: 'ACTIVE',
      memberId: 'M1042',
      fee: second.fee,
      productValue: { amount: '560.99', currencyCode: 'USD' },
    });
    expect(usd(guarantee!.fee.amount)).toBe(finalFee);

    expect(problems).toEqual([]);
  });

  it('buys nothing when the box stays unchecked', async () => {
    await page.goto(`${server.url}/`);
    await shownFee();
    expect(await checkbox().isChecked()).toBe(false);
    const orderNumber = await page.locator('input[name="orderNumber"]').inputValue();

    const posted = page.waitForRequest((r) => r.url().endsWith('/demo/checkout'));
    await page.getByRole('button', { name: /Place order/ }).click();
    const form = new URLSearchParams((await posted).postData() ?? '');
    expect(form.get('orderNumber')).toBe(orderNumber);
    expect(form.has('logistics_guarantee')).toBe(false);
    await page.waitForURL(`${server.url}/demo/checkout`);

    expect(await page.locator('h1').textContent()).toBe(`Order ${orderNumber} confirmed`);
    expect(await page.locator('section[aria-labelledby="g"] h2').textContent()).toBe(
      'No shipping protection',
    );
    expect(await guaranteeFor(orderNumber)).toBeNull();
    const changes = await page.evaluate(() => (globalThis as unknown as Recorded).lgChanges);
    expect(changes.filter((change) => change.selected)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
