// A purchase bound to what the storefront's server says (QUOTE_MISMATCH, QUOTE_ALREADY_USED)
// and the consent record it keeps: the quote token travels through the shopper's browser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi, type TestStorefront } from '../../test-support/harness.js';
import {
  nextOrderNumber,
  PURCHASE,
  type PurchasePayload,
  quoteToken,
} from '../../test-support/operations.js';

let api: TestApi;
let shop: TestStorefront;

beforeAll(async () => {
  api = await startTestApi();
  shop = await api.createStorefront();
});
afterAll(() => api.close());

/** The order's value as the storefront's server states it: the quotes here are for 120.00. */
const ORDER_VALUE = { amount: '120.00', currencyCode: 'USD' };

function buy(input: Record<string, unknown>) {
  return api.gql<PurchasePayload>(
    PURCHASE,
    { input: { productValue: ORDER_VALUE, ...input } },
    shop.secretKey,
  );
}

describe('money bound to the order', () => {
  it('refuses a token quoted for a cheaper cart as QUOTE_MISMATCH and writes nothing', async () => {
    // The shopper swaps in the token of a $1 cart and checks out a $10,000 order.
    const cheap = await quoteToken(api, shop, '1.00');
    const orderNumber = nextOrderNumber();
    const swapped = await buy({
      quoteToken: cheap,
      orderNumber,
      memberId: 'M20',
      memberEmail: 'm20@example.com',
      productValue: { amount: '10000.00', currencyCode: 'USD' },
      idempotencyKey: `swap-${orderNumber}`,
    });
    expect(swapped.body.data?.purchaseGuarantee).toMatchObject({
      guarantee: null,
      userErrors: [{ code: 'QUOTE_MISMATCH', field: ['input', 'quoteToken'] }],
    });
    const found = await api.gql<{ guaranteeByOrderNumber: { id: string } | null }>(
      'query($n: String!) { guaranteeByOrderNumber(orderNumber: $n) { id } }',
      { n: orderNumber },
      shop.secretKey,
    );
    expect(found.body.data?.guaranteeByOrderNumber).toBeNull();
    // The key was not used up: the honest purchase with the same key goes through.
    const honest = await buy({
      quoteToken: await quoteToken(api, shop, '10000.00'),
      orderNumber,
      memberId: 'M20',
      memberEmail: 'm20@example.com',
      productValue: { amount: '10000.00', currencyCode: 'USD' },
      idempotencyKey: `swap-${orderNumber}`,
    });
    expect(honest.body.data?.purchaseGuarantee.guarantee?.status).toBe('ACTIVE');
  });

  it('refuses an order value in another currency, with bad decimals, or a cent off the quote', async () => {
    const token = await quoteToken(api, shop, '120.00');
    const cents = await buy({
      quoteToken: token,
      orderNumber: nextOrderNumber(),
      memberId: 'M21',
      memberEmail: 'm21@example.com',
      productValue: { amount: '120.001', currencyCode: 'USD' },
    });
    expect(cents.body.data?.purchaseGuarantee.userErrors[0]).toMatchObject({
      code: 'INVALID_INPUT',
      field: ['input', 'productValue'],
    });
    const euros = await buy({
      quoteToken: token,
      orderNumber: nextOrderNumber(),
      memberId: 'M21',
      memberEmail: 'm21@example.com',
      productValue: { amount: '120.00', currencyCode: 'EUR' },
    });
    expect(euros.body.data?.purchaseGuarantee.userErrors[0]?.code).toBe('QUOTE_MISMATCH');
    const higher = await buy({
      quoteToken: token,
      orderNumber: nextOrderNumber(),
      memberId: 'M21',
      memberEmail: 'm21@example.com',
      productValue: { amount: '120.01', currencyCode: 'USD' },
    });
    expect(higher.body.data?.purchaseGuarantee.userErrors[0]?.code).toBe('QUOTE_MISMATCH');
  });

  it('lets a quote token buy one guarantee (QUOTE_ALREADY_USED), while its key still replays', async () => {
    const token = await quoteToken(api, shop);
    const first = await buy({
      quoteToken: token,
      orderNumber: nextOrderNumber(),
      memberId: 'M22',
      memberEmail: 'm22@example.com',
      idempotencyKey: 'one-token-first',
    });
    const id = first.body.data?.purchaseGuarantee.guarantee?.id;
    expect(id).toBeTruthy();
    const reused = await buy({
      quoteToken: token,
      orderNumber: nextOrderNumber(),
      memberId: 'M22',
      memberEmail: 'm22@example.com',
      idempotencyKey: 'one-token-second',
    });
    expect(reused.body.data?.purchaseGuarantee.userErrors[0]).toMatchObject({
      code: 'QUOTE_ALREADY_USED',
      field: ['input', 'quoteToken'],
    });
    const withoutKey = await buy({
      quoteToken: token,
      orderNumber: nextOrderNumber(),
      memberId: 'M22',
      memberEmail: 'm22@example.com',
    });
    expect(withoutKey.body.data?.purchaseGuarantee.userErrors[0]?.code).toBe('QUOTE_ALREADY_USED');
    const replay = await buy({
      quoteToken: token,
      orderNumber: first.body.data?.purchaseGuarantee.guarantee?.orderNumber,
      memberId: 'M22',
      memberEmail: 'm22@example.com',
      idempotencyKey: 'one-token-first',
    });
    expect(replay.body.data?.purchaseGuarantee.guarantee?.id).toBe(id);
  });

  it('lets one of 20 concurrent purchases with one token win, for 20 different orders', async () => {
    const token = await quoteToken(api, shop);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        buy({
          quoteToken: token,
          orderNumber: nextOrderNumber(),
          memberId: 'M23',
          memberEmail: 'm23@example.com',
        }),
      ),
    );
    const codes = results.map(
      (r) => r.body.data?.purchaseGuarantee.userErrors[0]?.code ?? 'BOUGHT',
    );
    expect(codes.filter((code) => code === 'BOUGHT')).toHaveLength(1);
    expect(codes.filter((code) => code === 'QUOTE_ALREADY_USED')).toHaveLength(19);
  });
});

describe('consent', () => {
  const QUOTE_WITH_PRESENTATION = `mutation($input: QuoteGuaranteeInput!) {
    quoteGuarantee(input: $input) { quote { token } userErrors { code field message } } }`;
  const CONSENT = `query($id: ID!) { guarantee(id: $id) { consent {
    quotedAt feeShown { amount currencyCode } policyVersion locale preselected surface } } }`;

  async function buyPresented(presentation: Record<string, unknown> | undefined) {
    const quoted = await api.gql<{
      quoteGuarantee: {
        quote: { token: string } | null;
        userErrors: { code: string; field: string[] }[];
      };
    }>(
      QUOTE_WITH_PRESENTATION,
      {
        input: {
          currencyCode: 'USD',
          lines: [{ unitPrice: '456.78', quantity: 1 }],
          ...(presentation ? { presentation } : {}),
        },
      },
      shop.publishableKey,
    );
    const token = quoted.body.data?.quoteGuarantee.quote?.token;
    if (!token) return { quoted, consent: null };
    const bought = await buy({
      quoteToken: token,
      orderNumber: nextOrderNumber(),
      memberId: 'M30',
      memberEmail: 'm30@example.com',
      productValue: { amount: '456.78', currencyCode: 'USD' },
    });
    const id = bought.body.data?.purchaseGuarantee.guarantee?.id;
    const read = await api.gql<{ guarantee: { consent: Record<string, unknown> } }>(
      CONSENT,
      { id },
      shop.secretKey,
    );
    return { quoted, consent: read.body.data?.guarantee.consent ?? null };
  }

  it('records what the widget showed: fee, policy version, locale, an unticked box, the surface', async () => {
    const { consent } = await buyPresented({
      locale: 'zh-CN',
      preselected: false,
      surface: 'widget@0.1.0',
    });
    expect(consent).toEqual({
      quotedAt: api.clock.now.toISOString(),
      feeShown: { amount: '45.68', currencyCode: 'USD' },
      policyVersion: '2026-11',
      locale: 'zh-CN',
      preselected: false,
      surface: 'widget@0.1.0',
    });
  });

  it('records a box that started ticked, and a quote asked for over the API as surface "api"', async () => {
    expect(
      (await buyPresented({ preselected: true, surface: 'widget@0.1.0' })).consent,
    ).toMatchObject({ preselected: true, locale: null });
    expect((await buyPresented(undefined)).consent).toMatchObject({
      preselected: false,
      surface: 'api',
      locale: null,
    });
  });

  it('refuses a locale or surface that is not a label', async () => {
    const { quoted } = await buyPresented({ locale: '<script>', surface: 'a b' });
    expect(quoted.body.data?.quoteGuarantee.userErrors.map((e) => e.field)).toEqual([
      ['input', 'presentation', 'locale'],
      ['input', 'presentation', 'surface'],
    ]);
  });
});
