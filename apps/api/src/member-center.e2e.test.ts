// End to end: <logistics-guarantee-claims> in a real Chromium, on a member-center page of
// another origin, against the real API (GraphQL, uploads, the live stream at /graphql/stream).
// Skips loudly without Chromium, fails in CI (test-support/browser.ts).
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromiumForTests, launchBrowser } from './test-support/browser.js';
import { startTestApi, type TestApi, type TestStorefront } from './test-support/harness.js';
import {
  DECIDE,
  FILE_CLAIM,
  guaranteedPackage,
  memberSession,
  recordEvent,
  sampleFile,
  uploadDocument,
} from './test-support/operations.js';

const chromiumPath = chromiumForTests('the member center element');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const HOUR = 3_600_000;
/** How long a change made through the API may take to show in the open page. */
const LIVE_MS = 3_000;

/** The element's events, as the page recorded them (apps/api compiles without the DOM lib). */
interface Recorded {
  lgEvents: { type: string; detail: Record<string, unknown> }[];
}

describe.skipIf(!chromiumPath)('<logistics-guarantee-claims> against the real API', () => {
  let api: TestApi;
  let shop: TestStorefront;
  let browser: Browser;
  let pages: Server;
  let pagesOrigin: string;
  const html = new Map<string, string>();
  let context: BrowserContext;
  let problems: string[];

  beforeAll(async () => {
    pages = createServer((req, res) => {
      const body = html.get(req.url ?? '');
      res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(body ?? 'not found');
    });
    await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
    pagesOrigin = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
    [api, browser] = await Promise.all([startTestApi(), launchBrowser(chromiumPath!)]);
    shop = await api.createStorefront();
    // Starting PGlite, the API and Chromium together takes a while on a loaded machine.
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await new Promise((resolve) => pages?.close(resolve));
  });

  beforeEach(async () => {
    api.clock.now = new Date();
    context = await browser.newContext({ viewport: { width: 900, height: 1000 } });
    problems = [];
  });

  afterEach(async () => {
    await context?.close();
    // No uncaught exception, unhandled rejection or console error, whatever the test did.
    expect(problems).toEqual([]);
  });

  /** Opens a member-center page for `token` (another origin than the API, as a shop's is). */
  async function open(token: string, lang = 'en', script = true): Promise<Page> {
    const path = `/account/${html.size + 1}`;
    html.set(
      path,
      `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>My account</title><link rel="icon" href="data:,">
<script>
  window.lgEvents = [];
  for (const type of ['logistics-guarantee-claim-filed', 'logistics-guarantee-claim-updated',
    'logistics-guarantee-documents-added', 'logistics-guarantee-session-expired', 'logistics-guarantee-error']) {
    document.addEventListener(type, (e) => window.lgEvents.push({ type, detail: e.detail }));
  }
</script></head>
<body><main><h1>My account</h1>
<logistics-guarantee-claims${token ? ` session-token="${token}"` : ''}></logistics-guarantee-claims>
</main>
${script ? `<script type="module" src="${api.url}/widget/logistics-guarantee-claims.js"></script>` : ''}
</body></html>`,
    );
    const page = await context.newPage();
    trackRequests(page);
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      // Chromium logs every 4xx as an error; the refusals the tests provoke are asserted there.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        problems.push(`console.error: ${message.text()}`);
    });
    await page.goto(`${pagesOrigin}${path}`);
    return page;
  }

  /** GraphQL requests (not the stream) each page has sent and not yet seen answered. */
  const inFlight = new WeakMap<Page, Set<unknown>>();
  function trackRequests(page: Page): void {
    const open = new Set<unknown>();
    inFlight.set(page, open);
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/graphql') open.add(r);
    });
    page.on('requestfinished', (r) => open.delete(r));
    page.on('requestfailed', (r) => open.delete(r));
  }
  /** Waits (bounded) until the page has no GraphQL request in flight. */
  async function settled(page: Page): Promise<void> {
    const until = Date.now() + 10_000;
    while (inFlight.get(page)!.size > 0) {
      if (Date.now() > until) throw new Error('GraphQL requests still in flight after 10 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  const element = (page: Page) => page.locator('logistics-guarantee-claims');
  const text = (page: Page) =>
    page.evaluate<string>(
      `document.querySelector('logistics-guarantee-claims').shadowRoot.textContent`,
    );
  const events = (page: Page, type: string) =>
    page
      .evaluate<Recorded['lgEvents']>('window.lgEvents')
      .then((all) => all.filter((e) => e.type === `logistics-guarantee-${type}`));
  /** Waits (bounded) until the element shows `words`. */
  const shows = (page: Page, words: string, timeout = 10_000) =>
    page.waitForFunction(
      `(document.querySelector('logistics-guarantee-claims')?.shadowRoot?.textContent ?? '').includes(${JSON.stringify(words)})`,
      undefined,
      { timeout },
    );
  /** Waits until the element receives updates over the stream (its `live` property). */
  const waitLive = (page: Page) =>
    page.waitForFunction(
      `document.querySelector('logistics-guarantee-claims')?.live === true`,
      undefined,
      { timeout: 10_000 },
    );

  /** A delivered package of a fresh order for `memberId`, delivered `hoursAgo` ago. */
  async function delivered(memberId: string, hoursAgo: number) {
    const pkg = await guaranteedPackage(api, shop, { memberId });
    const now = Date.now();
    await recordEvent(
      api,
      shop,
      pkg.trackingNumber,
      'SHIPPED',
      new Date(now - (hoursAgo + 48) * HOUR),
    );
    await recordEvent(api, shop, pkg.trackingNumber, 'DELIVERED', new Date(now - hoursAgo * HOUR), {
      signedBy: 'R. Member',
    });
    return pkg;
  }

  /** A damage claim filed through the API with every document: UNDER_REVIEW. */
  async function filedClaim(memberId: string) {
    const pkg = await delivered(memberId, 1);
    const token = await memberSession(api, shop, memberId);
    const documentIds = [];
    for (const kind of [
      'PROOF_OF_PURCHASE',
      'ORDER_NOTIFICATION_EMAIL',
      'PACKAGING_PHOTO',
      'CONTENTS_PHOTO',
    ])
      documentIds.push(await uploadDocument(api, token, kind));
    const filed = await api.gql<{
      fileClaim: { claim: { id: string; reference: string; status: string } | null };
    }>(
      FILE_CLAIM,
      {
        input: {
          trackingNumber: pkg.trackingNumber,
          type: 'DAMAGE',
          description: 'Crushed box',
          documentIds,
        },
      },
      token,
    );
    const claim = filed.body.data?.fileClaim.claim;
    if (!claim) throw new Error(`fileClaim failed: ${JSON.stringify(filed.body)}`);
    return { ...pkg, token, claim };
  }

  async function approve(claimId: string, auditedAmount = '50.00') {
    const result = await api.gql<{ decideClaim: { claim: { status: string } | null } }>(
      DECIDE,
      {
        input: {
          claimId,
          outcome: 'APPROVE',
          auditedAmount: { amount: auditedAmount, currencyCode: 'USD' },
          note: 'Photos show the damage',
        },
      },
      api.operatorKey,
    );
    expect(result.body.data?.decideClaim.claim?.status).toBe('APPROVED');
  }

  it('lists the orders, files a damage claim within the window with photos, and refuses a wrong file with its reason', async () => {
    const pkg = await delivered('M-FILE', 2);
    const page = await open(await memberSession(api, shop, 'M-FILE'));
    await shows(page, `Order ${pkg.orderNumber}`);
    const el = element(page);
    await expect.poll(() => text(page)).toContain(pkg.trackingNumber);
    expect(await text(page)).toContain('Delivered');

    await el.locator('select[name=package]').selectOption(pkg.trackingNumber);
    await el.getByLabel('Damaged').check();
    // Before anything is typed: until when, and for how much.
    await shows(page, 'left to file');
    const countdown = await el.locator('[part=countdown]').textContent();
    expect(countdown).toMatch(/^2[12] hr \d+ min \d+ sec left to file/);
    await expect.poll(() => text(page)).toMatch(/This claim can pay up to \$\d/);

    await el.getByLabel('Describe what happened').fill('The box arrived crushed.');
    const attach = (kind: string, name: string, mimeType: string, buffer: Buffer) =>
      el.locator(`input[type=file][data-kind=${kind}]`).setInputFiles({ name, mimeType, buffer });
    await attach(
      'PROOF_OF_PURCHASE',
      'invoice.pdf',
      'application/pdf',
      sampleFile('application/pdf'),
    );
    await attach(
      'ORDER_NOTIFICATION_EMAIL',
      'order.eml',
      'message/rfc822',
      sampleFile('message/rfc822'),
    );
    await attach('PACKAGING_PHOTO', 'box.jpg', 'image/jpeg', sampleFile('image/jpeg'));
    // Named and typed as a photo, but the bytes are text: the server reads the content.
    await attach('CONTENTS_PHOTO', 'fake.jpg', 'image/jpeg', Buffer.from('not really a photo'));
    const refusal = el.locator('[part=file]', { hasText: 'fake.jpg' }).locator('[role=alert]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe('the bytes are not a valid image/jpeg file');
    await shows(page, 'Still missing: Photo of the contents');
    await attach('CONTENTS_PHOTO', 'inside.png', 'image/png', sampleFile('image/png'));
    await el.locator('[part=file]', { hasText: 'inside.png' }).getByText('Uploaded').waitFor();
    expect(await el.locator('[part=file]').getByText('Uploaded').count()).toBe(4);
    expect(await text(page)).not.toContain('Still missing');
    expect(await el.locator('form [part=notice]').textContent()).toContain('Keep all packaging');

    await el.getByRole('button', { name: 'File the claim' }).click();
    const reference = `M-FILE+${pkg.orderNumber}+Claim`;
    await shows(page, reference);
    const [filed] = await events(page, 'claim-filed');
    expect(filed?.detail).toMatchObject({ reference, status: 'UNDER_REVIEW' });
    const claim = el.locator('[part=claim]', { hasText: reference });
    expect(await claim.locator('[part=status]').textContent()).toBe('Under review');
    expect(await claim.textContent()).toContain('Decision due by');
    expect(await claim.locator('[part=notice]').textContent()).toContain('Keep all packaging');
    expect(await el.locator('[aria-live=polite]').textContent()).toBe(
      `Claim ${reference}: Under review`,
    );

    // What the API holds: the four good files, not the refused one.
    const held = await api.gql<{ claim: { documents: { fileName: string }[] } }>(
      'query($id: ID!) { claim(id: $id) { documents { fileName } } }',
      { id: filed?.detail.claimId },
      api.operatorKey,
    );
    expect(held.body.data?.claim.documents.map((d) => d.fileName).sort()).toEqual([
      'box.jpg',
      'inside.png',
      'invoice.pdf',
      'order.eml',
    ]);
  });

  it('tells a member past the 24-hour window why not, in the policy’s words, before anything is typed', async () => {
    const pkg = await delivered('M-LATE', 30);
    const page = await open(await memberSession(api, shop, 'M-LATE'));
    await shows(page, pkg.trackingNumber);
    const el = element(page);
    await el.locator('select[name=package]').selectOption(pkg.trackingNumber);
    await el.getByLabel('Missing items').check();
    const reason = el.locator('[data-reason=CLAIM_WINDOW_EXPIRED]');
    await reason.waitFor();
    const policy = await api.gql<{ policy: { exclusions: { code: string; title: string }[] } }>(
      '{ policy { exclusions { code title } } }',
    );
    const title = policy.body.data?.policy.exclusions.find(
      (e) => e.code === 'CLAIM_WINDOW_EXPIRED',
    )?.title;
    expect(title).toBeTruthy();
    expect(await reason.textContent()).toBe(title);
    expect(await text(page)).toContain('A claim cannot be filed now');
    expect(await el.locator('textarea').count()).toBe(0);
    expect(await el.locator('[part=countdown]').count()).toBe(0);
  });

  it("shows an adjuster's decision live, with its breakdown, and never another member's claim", async () => {
    const mine = await filedClaim('M-LIVE');
    const theirs = await filedClaim('M-OTHER');
    const page = await open(mine.token);
    await shows(page, mine.claim.reference);
    await waitLive(page);
    expect(await text(page)).not.toContain(theirs.claim.reference);
    expect(await text(page)).not.toContain(theirs.orderNumber);

    // Another member's decision first, then ours: the stream carries them in order, so once
    // ours shows, theirs would have too had it been sent.
    await approve(theirs.claim.id);
    await approve(mine.claim.id);
    const claim = element(page).locator('[part=claim]', { hasText: mine.claim.reference });
    // Waits for the DOM to change, bounded by LIVE_MS: no poll could answer that fast.
    await page.waitForFunction(
      `[...document.querySelector('logistics-guarantee-claims').shadowRoot.querySelectorAll('[part=claim]')]
        .find((c) => c.textContent.includes(${JSON.stringify(mine.claim.reference)}))
        ?.querySelector('[part=status]')?.textContent === 'Approved'`,
      undefined,
      { timeout: LIVE_MS },
    );
    expect(await claim.locator('[part=decision]').textContent()).toMatch(/Approved: \$[\d.,]+/);
    expect(await claim.locator('[part=decision] tr').count()).toBeGreaterThan(0);
    expect(await element(page).locator('[aria-live=polite]').textContent()).toBe(
      `Claim ${mine.claim.reference}: Approved`,
    );
    expect(await text(page)).not.toContain(theirs.claim.reference);
    const updated = await events(page, 'claim-updated');
    expect(updated.map((e) => e.detail.reference)).toEqual([mine.claim.reference]);
  });

  it('catches up after a network drop, and polls when the stream is refused', async () => {
    const dropped = await filedClaim('M-DROP');
    const page = await open(dropped.token);
    await shows(page, dropped.claim.reference);
    await waitLive(page);
    await context.setOffline(true);
    await approve(dropped.claim.id);
    await context.setOffline(false);
    await shows(page, 'Approved', 20_000);
    await waitLive(page);

    const refused = await filedClaim('M-POLL');
    const polling = await context.newPage();
    polling.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    // As a proxy that does not pass event streams would answer.
    await polling.route('**/graphql/stream', (route) => route.fulfill({ status: 404, body: 'no' }));
    html.set(
      '/polling',
      html.get([...html.keys()].at(-1) ?? '')!.replace(dropped.token, refused.token),
    );
    await polling.goto(`${pagesOrigin}/polling`);
    await shows(polling, refused.claim.reference);
    await approve(refused.claim.id);
    // The poll interval is 10 s: generous, not a timing claim.
    await shows(polling, 'Approved', 25_000);
    expect(
      await polling.evaluate<boolean>(`document.querySelector('logistics-guarantee-claims').live`),
    ).toBe(false);
  });

  it('asks the page for a new session when the API refuses this one, hides the data, and resumes with a new token', async () => {
    const { claim, token } = await filedClaim('M-EXPIRE');
    const page = await open(token);
    await shows(page, claim.reference);
    // The stream's opening re-reads the claims: let that read be answered first, so the
    // refusal below comes from the filing form (a read refused first would hide the form).
    await waitLive(page);
    await settled(page);
    // Sessions end: the server's clock moves past this one's expiry.
    api.clock.now = new Date(Date.now() + 30 * 24 * HOUR);
    const el = element(page);
    await el.locator('select[name=package]').selectOption({ index: 1 });
    // click, not check: the refusal may hide the form before a check could verify the box.
    await el.getByLabel('Damaged').click();
    await page.waitForFunction(
      `window.lgEvents.some((e) => e.type === 'logistics-guarantee-session-expired')`,
    );
    const [expired] = await events(page, 'session-expired');
    expect(expired?.detail).toEqual({ code: 'UNAUTHENTICATED' });
    expect(await text(page)).not.toContain(claim.reference);
    expect(await text(page)).toContain('Your session has ended');

    api.clock.now = new Date();
    const fresh = await memberSession(api, shop, 'M-EXPIRE');
    await page.evaluate(
      `document.querySelector('logistics-guarantee-claims').setAttribute('session-token', ${JSON.stringify(fresh)})`,
    );
    await shows(page, claim.reference);
    expect(await text(page)).not.toContain('Your session has ended');
  });

  it('completes a claim waiting for documents from the same element', async () => {
    const pkg = await delivered('M-LATER', 1);
    const token = await memberSession(api, shop, 'M-LATER');
    const documentIds = [
      await uploadDocument(api, token, 'PROOF_OF_PURCHASE'),
      await uploadDocument(api, token, 'ORDER_NOTIFICATION_EMAIL'),
    ];
    const filed = await api.gql<{
      fileClaim: { claim: { id: string; reference: string; status: string } | null };
    }>(
      FILE_CLAIM,
      {
        input: {
          trackingNumber: pkg.trackingNumber,
          type: 'DAMAGE',
          description: 'Dented',
          documentIds,
        },
      },
      token,
    );
    const claim = filed.body.data?.fileClaim.claim;
    expect(claim?.status).toBe('NEEDS_DOCUMENTS');
    const page = await open(token);
    await shows(page, claim!.reference);
    const card = element(page).locator('[part=claim]', { hasText: claim!.reference });
    expect(await card.locator('[part=status]').textContent()).toBe('Needs documents');
    expect(await card.textContent()).toContain(
      'Still missing: Photo of the packaging, Photo of the contents',
    );
    const send = card.getByRole('button', { name: 'Send the documents' });
    expect(await send.isDisabled()).toBe(true);
    for (const [kind, name, mimeType] of [
      ['PACKAGING_PHOTO', 'box.jpg', 'image/jpeg'],
      ['CONTENTS_PHOTO', 'inside.png', 'image/png'],
    ] as const) {
      await card
        .locator(`input[type=file][data-kind=${kind}]`)
        .setInputFiles({ name, mimeType, buffer: sampleFile(mimeType) });
      await card.locator('[part=file]', { hasText: name }).getByText('Uploaded').waitFor();
    }
    await send.click();
    await page.waitForFunction(
      `[...document.querySelector('logistics-guarantee-claims').shadowRoot.querySelectorAll('[part=claim]')]
        .find((c) => c.textContent.includes(${JSON.stringify(claim!.reference)}))
        ?.querySelector('[part=status]')?.textContent === 'Under review'`,
      undefined,
      { timeout: 10_000 },
    );
    expect(await card.textContent()).toContain('Decision due by');
    // The live stream may show the new status before the mutation's own answer arrives, and
    // the event follows that answer: wait for it rather than race it.
    await page.waitForFunction(
      `window.lgEvents.some((e) => e.type === 'logistics-guarantee-documents-added')`,
    );
    const [added] = await events(page, 'documents-added');
    expect(added?.detail).toMatchObject({ claimId: claim!.id, status: 'UNDER_REVIEW' });
  });

  it('keeps a session token set as a property before the script loaded', async () => {
    const { claim, token } = await filedClaim('M-LATE-UPGRADE');
    const page = await open('', 'en', false);
    // As a framework that renders before the script arrives sets the property.
    await page.evaluate(
      `document.querySelector('logistics-guarantee-claims').sessionToken = ${JSON.stringify(token)}`,
    );
    await page.addScriptTag({
      url: `${api.url}/widget/logistics-guarantee-claims.js`,
      type: 'module',
    });
    await shows(page, claim.reference);
    // The own property went through the accessor: a later token is seen.
    expect(
      await page.evaluate<boolean>(
        `Object.hasOwn(document.querySelector('logistics-guarantee-claims'), 'sessionToken')`,
      ),
    ).toBe(false);
  });

  it('renders in Chinese for a zh-CN page and passes axe-core with zero violations', async () => {
    const pending = await delivered('M-AXE', 1);
    const { claim, token } = await filedClaim('M-AXE');
    await approve(claim.id);
    for (const lang of ['en', 'zh-CN']) {
      const page = await open(token, lang);
      await shows(page, claim.reference);
      const el = element(page);
      if (lang === 'zh-CN') {
        expect(await text(page)).toContain('您的受保障订单');
        expect(await text(page)).toContain('已批准');
        expect(await text(page)).toContain(`订单 ${pending.orderNumber}`);
      }
      // The filing form with its eligibility, and a history opened: everything axe should see.
      await el.locator('select[name=package]').selectOption(pending.trackingNumber);
      await el.locator('input[type=radio][value=DAMAGE]').check();
      await el.locator('[part=countdown]').waitFor();
      await el.locator('details summary').first().click();
      await page.addScriptTag({ path: axePath });
      const violations = await page.evaluate<string[]>(`axe.run(document).then((r) =>
        r.violations.map((v) => v.id + ': ' + v.help + ' ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`);
      expect(violations).toEqual([]);
    }
  });
});
