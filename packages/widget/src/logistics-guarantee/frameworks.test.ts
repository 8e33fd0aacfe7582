// The widget inside a React 19 and a Vue 3 app (src/test/pages, production builds), its
// script loaded only after the app's first render, as an async script or a tag manager
// would: the frameworks then see no `lines` property and fall back to what they do for
// unknown elements. The page runs on another origin than the widget and its API.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CAP, CART } from '../test/cart.js';
import { chromiumForTests, recordedEvents, until, useChromium } from '../test/chromium.js';
import { openAppLate } from '../test/late-app.js';
import type { PageConfig } from '../test/pages/config.js';

const chromiumPath = chromiumForTests();

type App = 'react' | 'vue';

/** What the framework left on the element before it was defined. */
interface BeforeUpgrade {
  lines: string | null;
  ownProperty: boolean;
}

const FROM_ARRAY = '[object Object],[object Object]';

describe.skipIf(!chromiumPath)(
  '<logistics-guarantee> loaded after a React 19 or Vue 3 app rendered',
  () => {
    const suite = useChromium(chromiumPath!);

    /** Opens the app, checks what it left on the undefined element, then loads the script. */
    async function openLate(app: App, config: PageConfig, before: BeforeUpgrade): Promise<Page> {
      const { page, left } = await openAppLate(suite, app, config, {
        tag: 'logistics-guarantee',
        script: '/widget/logistics-guarantee.js',
        attributes: ['lines'],
        properties: ['lines'],
      });
      expect(left).toEqual({
        defined: false,
        attributes: { lines: before.lines },
        ownProperties: before.ownProperty ? ['lines'] : [],
      });
      return page;
    }

    /** What the app shows and what the widget holds and submits. */
    const read = (page: Page) =>
      page.evaluate(() => {
        const el = document.querySelector('logistics-guarantee')!;
        return {
          token: document.querySelector('#token')?.textContent ?? '',
          fee: el.shadowRoot?.querySelector('[part=fee]')?.textContent ?? '',
          value: new FormData(el.closest('form')!).getAll('logistics_guarantee'),
        };
      });

    const quotedLines = () => suite.api.quotes().map((q) => q.variables.input?.lines);

    const readable: [string, App, PageConfig['lines'], BeforeUpgrade][] = [
      [
        'React 19 given lines={JSON.stringify(lines)}',
        'react',
        'json',
        { lines: JSON.stringify(CART), ownProperty: false },
      ],
      ['Vue 3 given :lines.prop', 'vue', 'prop', { lines: null, ownProperty: true }],
    ];

    it.each(readable)(
      '%s quotes the $57.50 cart from its lines, not product-value, and re-quotes what the app sets later',
      async (_name, app, lines, before) => {
        // No minimum fee here, so the fee itself tells the $57.50 cart from the $30.00 value.
        suite.api.onQuote = (input, n) => suite.api.okQuote(input, n, 0);
        const page = await openLate(app, { key: 'pk_test_1', lines }, before);
        await until(async () => (await read(page)).token === 'tok_1');
        expect(quotedLines()).toEqual([CART]);
        expect(await read(page)).toEqual({ token: 'tok_1', fee: '$5.75', value: ['tok_1'] });

        await page.click('#add-cap');
        await until(async () => (await read(page)).token === 'tok_2');
        expect(quotedLines()).toEqual([CART, [...CART, CAP]]);
        expect(await read(page)).toEqual({ token: 'tok_2', fee: '$7.00', value: ['tok_2'] });
        await page.click('button[type=submit]');
        await until(() => suite.api.submissions.length === 1);
        expect(suite.api.submissions[0]?.get('logistics_guarantee')).toBe('tok_2');
      },
    );

    const unreadable: [string, App, PageConfig['lines']][] = [
      ['React 19 given lines={lines}', 'react', 'array'],
      ['Vue 3 given :lines without .prop', 'vue', 'attr'],
    ];

    it.each(unreadable)(
      '%s quotes nothing rather than product-value, warns how to fix it, and quotes once the app sets the property',
      async (_name, app, lines) => {
        suite.api.onQuote = (input, n) => suite.api.okQuote(input, n, 0);
        const page = await openLate(
          app,
          { key: 'pk_test_1', lines },
          { lines: FROM_ARRAY, ownProperty: false },
        );
        await until(async () => (await recordedEvents(page, 'error')).length > 0);
        expect((await recordedEvents(page, 'error'))[0]?.detail.code).toBe('INVALID_LINES');
        expect(suite.api.quotes()).toEqual([]);
        expect(await read(page)).toEqual({ token: '', fee: '—', value: [] });
        expect(suite.warnings).toEqual([expect.stringContaining('Vue: :lines.prop')]);

        // The next render sets a property: the element is defined now.
        await page.click('#add-cap');
        await until(async () => (await read(page)).token === 'tok_1');
        expect(quotedLines()).toEqual([[...CART, CAP]]);
        expect(await read(page)).toEqual({ token: 'tok_1', fee: '$7.00', value: ['tok_1'] });
      },
    );

    const apps: [string, App, PageConfig['lines']][] = [
      ['React 19', 'react', 'json'],
      ['Vue 3', 'vue', 'prop'],
    ];

    it.each(apps)(
      '%s: a component mounted after a wrong key failed reads UNAUTHENTICATED from the widget',
      async (_name, app, lines) => {
        const page = await openLate(
          app,
          { key: 'pk_test_wrong', lines },
          app === 'react'
            ? { lines: JSON.stringify(CART), ownProperty: false }
            : { lines: null, ownProperty: true },
        );
        await page.waitForFunction(
          () => document.querySelector('logistics-guarantee')!.status === 'error',
        );
        // The error event fired before this component existed; it catches up from the state.
        await page.click('#show-status');
        await until(async () => (await page.textContent('#status')) !== '');
        expect(await page.textContent('#status')).toBe('error UNAUTHENTICATED');
        // Reported as what it is, across origins, not as an unreachable service.
        expect((await recordedEvents(page, 'error')).map((e) => e.detail.code)).toEqual([
          'UNAUTHENTICATED',
        ]);
        expect(await read(page)).toEqual({ token: '', fee: '—', value: [] });
      },
    );
  },
);
