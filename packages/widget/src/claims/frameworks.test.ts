// The member center inside a React 19 and a Vue 3 app (src/test/pages, production builds),
// its script loaded only after the app's first render, as an async script or a tag manager
// would: the frameworks then see no `sessionToken` property and fall back to what they do for
// unknown elements. The page runs on another origin than the element and its API. Each app
// renders an ended session first: its own session-expired listener, attached by the framework
// before the element was defined, must hear it and render a live token, whose data appears.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumForTests, recordedEvents, until, useChromium } from '../test/chromium.js';
import type { AppName } from '../test/harness.js';
import { type LeftBeforeUpgrade, openAppLate } from '../test/late-app.js';
import type { ClaimsPageConfig } from '../test/pages/config.js';

const chromiumPath = chromiumForTests();

const TAG = 'logistics-guarantee-claims';

describe.skipIf(!chromiumPath)(`<${TAG}> loaded after a React 19 or Vue 3 app rendered`, () => {
  const suite = useChromium(chromiumPath!);

  /** What the member center shows, and what the app's own listener recorded. */
  const read = (page: Page) =>
    page.evaluate((tag) => {
      const root = document.querySelector(tag)!.shadowRoot!;
      const text = (selector: string) =>
        [...root.querySelectorAll(selector)].map((e) => e.textContent?.replace(/\s+/g, ' ').trim());
      return {
        expired: document.querySelector('#expired')?.textContent ?? '',
        orders: text('[part=order] h3'),
        claims: text('[part=claim] h4'),
      };
    }, TAG);

  const cases: [
    string,
    AppName,
    ClaimsPageConfig['binding'],
    Omit<LeftBeforeUpgrade, 'defined'>,
  ][] = [
    [
      'React 19 given sessionToken={...} apiUrl={...}',
      'react-claims',
      'props',
      // Not yet a property of the element: React sets them as attributes, lowercased.
      { attributes: attrs({ sessiontoken: 'ms_old', apiurl: 'API' }), ownProperties: [] },
    ],
    [
      'React 19 given session-token={...} api-url={...}',
      'react-claims',
      'attrs',
      { attributes: attrs({ 'session-token': 'ms_old', 'api-url': 'API' }), ownProperties: [] },
    ],
    [
      'Vue 3 given :sessionToken.prop :apiUrl.prop',
      'vue-claims',
      'prop',
      { attributes: attrs({}), ownProperties: ['sessionToken', 'apiUrl'] },
    ],
    [
      'Vue 3 given :sessionToken :apiUrl (no .prop)',
      'vue-claims',
      'camel',
      { attributes: attrs({ sessiontoken: 'ms_old', apiurl: 'API' }), ownProperties: [] },
    ],
    [
      'Vue 3 given :session-token :api-url',
      'vue-claims',
      'attrs',
      { attributes: attrs({ 'session-token': 'ms_old', 'api-url': 'API' }), ownProperties: [] },
    ],
  ];

  it.each(cases)(
    '%s: reads the session from them, its listener hears the session end, and the new token loads the data',
    async (_name, app, binding, before) => {
      const apiUrl = `${suite.api.origin}/graphql`;
      const { page, left } = await openAppLate(
        suite,
        app,
        { token: 'ms_old', renewTo: 'ms_1', apiUrl, binding },
        {
          tag: TAG,
          script: `/widget/${TAG}.js`,
          attributes: Object.keys(attrs({})),
          properties: ['sessionToken', 'apiUrl'],
        },
      );
      const apiIn = (a: Record<string, string | null>) =>
        Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v === 'API' ? apiUrl : v]));
      expect(left).toEqual({
        defined: false,
        attributes: apiIn(before.attributes),
        ownProperties: before.ownProperties,
      });

      // ms_old is refused (401 UNAUTHENTICATED); the app's handler renders ms_1.
      await until(async () => (await read(page)).orders.length > 0);
      expect(await read(page)).toEqual({
        expired: 'UNAUTHENTICATED',
        orders: [expect.stringContaining('SO-88817')],
        claims: [expect.stringContaining('M1042+SO-88817+Claim')],
      });
      // Both sessions were asked of the URL the app gave, the ended one first and once (later
      // reads are the element polling ms_1, the fake API having no live stream).
      const sessions = suite.api.members().map((r) => r.headers.authorization);
      expect(sessions.slice(0, 2)).toEqual(['Bearer ms_old', 'Bearer ms_1']);
      expect(sessions.filter((s) => s === 'Bearer ms_old')).toHaveLength(1);
      expect(
        await page.evaluate(
          (tag) =>
            (document.querySelector(tag) as unknown as { sessionToken: string }).sessionToken,
          TAG,
        ),
      ).toBe('ms_1');
      expect((await recordedEvents(page, 'session-expired')).map((e) => e.detail.code)).toEqual([
        'UNAUTHENTICATED',
      ]);
    },
  );
});

/** Every attribute a framework may leave for the session and URL, absent unless given. */
function attrs(given: Record<string, string>): Record<string, string | null> {
  return {
    'session-token': null,
    'api-url': null,
    sessiontoken: null,
    apiurl: null,
    ...given,
  };
}
