// Currencies other than USD, end to end through GraphQL: rates published by an operator, a
// quote converting the terms' USD amounts, a guarantee keeping its rate for life, and the
// refund a cancellation records (POLICY R1, R2, R5-R9).
import { deliveries, outboxEvents } from '@lg/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi, type TestStorefront } from '../../test-support/harness.js';
import {
  ADDRESS,
  ALL_DOCUMENTS,
  CANCEL,
  DECIDE,
  FILE_CLAIM,
  memberSession,
  nextOrderNumber,
  nextTrackingNumber,
  PURCHASE,
  type PurchasePayload,
  REGISTER_PACKAGE,
  recordEvent,
  type UserErrors,
  uploadDocument,
} from '../../test-support/operations.js';
import { idOf } from '../global-id.js';

const HOUR = 3_600_000;
const PUBLISH = `mutation($input: PublishExchangeRatesInput!) { publishExchangeRates(input: $input) {
  rates { currencyCode perUsd asOf source } userErrors { code message field } } }`;
const RATES = `{ exchangeRates { currencyCode perUsd asOf source } }`;
const QUOTE = `mutation($input: QuoteGuaranteeInput!) { quoteGuarantee(input: $input) {
  quote { token fee { amount currencyCode } minimumFeeApplied maxCompensationPerPackage { amount currencyCode }
          exchangeRate { currencyCode perUsd asOf source }
          policy { minimumFee { amount currencyCode } damageProductCap { amount currencyCode }
                   maxCompensationPerPackage { amount currencyCode } } }
  userErrors { code message field } } }`;
const GUARANTEE = `query($id: ID!) { node(id: $id) { ... on Guarantee {
  status fee { amount currencyCode } refund { amount currencyCode }
  exchangeRate { currencyCode perUsd asOf source }
  policy { maxCompensationPerPackage { amount currencyCode } damageProductCap { amount } }
  packages { maxCompensation { amount currencyCode } } } } }`;
const ELIGIBILITY = `query($t: String!, $c: ClaimType!) { claimEligibility(trackingNumber: $t, type: $c) {
  eligible maxPayable { amount currencyCode } } }`;

interface Quoted {
  quoteGuarantee: {
    quote: {
      token: string;
      fee: { amount: string; currencyCode: string };
      minimumFeeApplied: boolean;
      maxCompensationPerPackage: { amount: string; currencyCode: string };
      exchangeRate: { currencyCode: string; perUsd: string; asOf: string; source: string } | null;
      policy: Record<string, { amount: string; currencyCode: string }>;
    } | null;
    userErrors: UserErrors;
  };
}

let api: TestApi;
let shop: TestStorefront;

beforeAll(async () => {
  api = await startTestApi();
  shop = await api.createStorefront();
});
afterAll(() => api.close());

const hoursAgo = (hours: number) => new Date(api.clock.now.getTime() - hours * HOUR);

async function publish(rates: Record<string, string>, asOf: Date, source = 'ECB') {
  const result = await api.gql<{
    publishExchangeRates: {
      rates: { currencyCode: string; perUsd: string }[] | null;
      userErrors: UserErrors;
    };
  }>(
    PUBLISH,
    {
      input: {
        source,
        asOf: asOf.toISOString(),
        rates: Object.entries(rates).map(([currencyCode, perUsd]) => ({ currencyCode, perUsd })),
      },
    },
    api.operatorKey,
  );
  return result.body.data?.publishExchangeRates;
}

async function quote(currencyCode: string, unitPrice: string) {
  const result = await api.gql<Quoted>(
    QUOTE,
    { input: { currencyCode, lines: [{ unitPrice, quantity: 1 }] } },
    shop.publishableKey,
  );
  return result.body.data?.quoteGuarantee;
}

/** Quotes and buys a guarantee for one order worth `value` in `currency`. */
async function buy(currency: string, value: string, memberId = 'M-FX') {
  const quoted = await quote(currency, value);
  const token = quoted?.quote?.token;
  if (!token) throw new Error(`quote refused: ${JSON.stringify(quoted?.userErrors)}`);
  const orderNumber = nextOrderNumber();
  const result = await api.gql<PurchasePayload>(
    PURCHASE,
    {
      input: {
        quoteToken: token,
        orderNumber,
        memberId,
        memberEmail: 'fx@example.com',
        productValue: { amount: value, currencyCode: currency },
      },
    },
    shop.secretKey,
  );
  const guarantee = result.body.data?.purchaseGuarantee.guarantee;
  if (!guarantee) throw new Error(`purchase refused: ${JSON.stringify(result.body)}`);
  return { guarantee, orderNumber };
}

async function registerPackage(
  orderNumber: string,
  amounts: { declared: string; sale: string; shipping: string; currency: string },
) {
  const trackingNumber = nextTrackingNumber();
  const money = (amount: string) => ({ amount, currencyCode: amounts.currency });
  const result = await api.gql<{
    registerPackage: { package: { id: string } | null; userErrors: UserErrors };
  }>(
    REGISTER_PACKAGE,
    {
      input: {
        orderNumber,
        trackingNumber,
        declaredValue: money(amounts.declared),
        salePrice: money(amounts.sale),
        shippingFee: money(amounts.shipping),
        estimatedWeightGrams: 1000,
        deliveryAddress: ADDRESS,
        memberCenterAddress: ADDRESS,
      },
    },
    shop.secretKey,
  );
  return { trackingNumber, payload: result.body.data?.registerPackage };
}

async function guaranteeView(id: string) {
  const result = await api.gql<{ node: Record<string, unknown> }>(
    GUARANTEE,
    { id },
    shop.secretKey,
  );
  return result.body.data?.node as {
    status: string;
    fee: { amount: string; currencyCode: string };
    refund: { amount: string; currencyCode: string } | null;
    exchangeRate: { perUsd: string; source: string } | null;
    policy: { maxCompensationPerPackage: { amount: string }; damageProductCap: { amount: string } };
    packages: { maxCompensation: { amount: string; currencyCode: string } }[];
  };
}

describe('publishExchangeRates and exchangeRates', () => {
  it('publishes rates for operators only; anyone reads the newest per currency', async () => {
    const asOf = hoursAgo(1);
    const refused = await api.gql<{ publishExchangeRates: unknown }>(
      PUBLISH,
      {
        input: {
          source: 'ECB',
          asOf: asOf.toISOString(),
          rates: [{ currencyCode: 'EUR', perUsd: '0.92' }],
        },
      },
      shop.secretKey,
    );
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const published = await publish({ EUR: '0.920', JPY: '149.5', KWD: '0.3071' }, asOf);
    expect(published?.userErrors).toEqual([]);
    // Kept in canonical form: "0.920" is "0.92".
    expect(published?.rates?.map((r) => `${r.currencyCode} ${r.perUsd}`)).toEqual([
      'EUR 0.92',
      'JPY 149.5',
      'KWD 0.3071',
    ]);
    const read = await api.gql<{
      exchangeRates: { currencyCode: string; perUsd: string; asOf: string; source: string }[];
    }>(RATES, {}, null);
    expect(read.body.data?.exchangeRates).toEqual(
      expect.arrayContaining([
        { currencyCode: 'EUR', perUsd: '0.92', asOf: asOf.toISOString(), source: 'ECB' },
        { currencyCode: 'JPY', perUsd: '149.5', asOf: asOf.toISOString(), source: 'ECB' },
      ]),
    );
  });

  it('refuses bad publications field by field and writes none of them', async () => {
    const result = await api.gql<{
      publishExchangeRates: { rates: unknown; userErrors: UserErrors };
    }>(
      PUBLISH,
      {
        input: {
          source: ' ',
          asOf: new Date(api.clock.now.getTime() + 2 * HOUR).toISOString(),
          rates: [
            { currencyCode: 'USD', perUsd: '1' },
            { currencyCode: 'GBP', perUsd: '0' },
            { currencyCode: 'CHF', perUsd: '1e3' },
            { currencyCode: 'SEK', perUsd: '10.5' },
            { currencyCode: 'SEK', perUsd: '10.6' },
          ],
        },
      },
      api.operatorKey,
    );
    const payload = result.body.data?.publishExchangeRates;
    expect(payload?.rates).toBeNull();
    expect(payload?.userErrors.map((e) => `${e.code}:${e.field?.join('.')}`)).toEqual([
      'INVALID_INPUT:input.source',
      'INVALID_INPUT:input.asOf',
      'INVALID_INPUT:input.rates.0.currencyCode',
      'INVALID_INPUT:input.rates.1.perUsd',
      'INVALID_INPUT:input.rates.2.perUsd',
      'INVALID_INPUT:input.rates.4.currencyCode',
    ]);
    const sek = await quote('SEK', '100.00');
    expect(sek?.userErrors[0]?.code).toBe('UNSUPPORTED_CURRENCY');
  });

  it('keeps a published rate as it is: the same table again is a no-op, a different value is refused', async () => {
    const asOf = hoursAgo(3);
    expect((await publish({ CHF: '0.88' }, asOf, 'SNB'))?.userErrors).toEqual([]);
    expect((await publish({ CHF: '0.8800' }, asOf, 'SNB'))?.userErrors).toEqual([]);
    const changed = await publish({ CHF: '0.89', NOK: '10.9' }, asOf, 'SNB');
    expect(changed?.userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'rates', '0', 'perUsd'] }),
    ]);
    // All or nothing: NOK of the refused publication was not written either.
    expect((await quote('NOK', '100.00'))?.userErrors[0]?.code).toBe('UNSUPPORTED_CURRENCY');
  });
});

describe('quotes in other currencies', () => {
  beforeAll(async () => {
    await publish({ EUR: '0.92', JPY: '149.5', KWD: '0.3071' }, hoursAgo(1), 'Quotes desk');
  });

  it("API.md's worked example: at 0.92 a 100.00 EUR cart pays max(10.00, 27.60) = 27.60 EUR, cap 4,600.00 EUR", async () => {
    const quoted = await quote('EUR', '100.00');
    expect(quoted?.userErrors).toEqual([]);
    expect(quoted?.quote).toMatchObject({
      fee: { amount: '27.60', currencyCode: 'EUR' },
      minimumFeeApplied: true,
      maxCompensationPerPackage: { amount: '4600.00', currencyCode: 'EUR' },
      exchangeRate: { currencyCode: 'EUR', perUsd: '0.92', source: 'Quotes desk' },
      policy: {
        minimumFee: { amount: '27.60', currencyCode: 'EUR' },
        damageProductCap: { amount: '92.00', currencyCode: 'EUR' },
        maxCompensationPerPackage: { amount: '4600.00', currencyCode: 'EUR' },
      },
    });
  });

  it('quotes JPY in whole yen and KWD in thousandths', async () => {
    // 10% of 50,000 yen is 5,000, above the minimum of 30 x 149.5 = 4,485 yen.
    expect((await quote('JPY', '50000'))?.quote).toMatchObject({
      fee: { amount: '5000', currencyCode: 'JPY' },
      minimumFeeApplied: false,
      maxCompensationPerPackage: { amount: '747500' },
    });
    expect((await quote('JPY', '100'))?.quote?.fee.amount).toBe('4485');
    // KWD: the minimum is 30 x 0.3071 = 9.213; 10% of 12.345 is 1.2345.
    expect((await quote('KWD', '12.345'))?.quote?.fee).toEqual({
      amount: '9.213',
      currencyCode: 'KWD',
    });
    expect((await quote('JPY', '100.5'))?.userErrors[0]).toMatchObject({
      code: 'INVALID_INPUT',
      field: ['input', 'lines', '0', 'unitPrice'],
    });
  });

  it('refuses a currency whose newest rate is older than LG_FX_MAX_AGE_HOURS (72), and one with no rate', async () => {
    await publish({ AUD: '1.52' }, hoursAgo(72));
    expect((await quote('AUD', '100.00'))?.userErrors).toEqual([]);
    await api.at(new Date(api.clock.now.getTime() + 60_000), async () => {
      const stale = await quote('AUD', '100.00');
      expect(stale?.userErrors[0]).toMatchObject({
        code: 'UNSUPPORTED_CURRENCY',
        field: ['input', 'currencyCode'],
      });
      expect(stale?.userErrors[0]?.message).toContain('older than 72 hours');
    });
    expect((await quote('BRL', '100.00'))?.userErrors[0]?.code).toBe('UNSUPPORTED_CURRENCY');
  });
});

describe('a guarantee keeps its exchange rate for life', () => {
  it('caps, damage limit and payouts stay at the purchase rate after a new rate is published', async () => {
    await publish({ GBP: '0.80' }, hoursAgo(1), 'Life desk');
    const { guarantee, orderNumber } = await buy('GBP', '6000.00');
    expect(guarantee.fee).toEqual({ amount: '600.00', currencyCode: 'GBP' });
    const pkg = await registerPackage(orderNumber, {
      declared: '6000.00',
      sale: '6000.00',
      shipping: '40.00',
      currency: 'GBP',
    });
    expect(pkg.payload?.userErrors).toEqual([]);

    // Sterling halves against the dollar: new quotes use 0.40, this guarantee keeps 0.80.
    await publish({ GBP: '0.40' }, hoursAgo(0.5), 'Life desk');
    expect((await quote('GBP', '6000.00'))?.quote?.maxCompensationPerPackage.amount).toBe(
      '2000.00',
    );
    const view = await guaranteeView(guarantee.id);
    expect(view.exchangeRate).toMatchObject({ perUsd: '0.8', source: 'Life desk' });
    expect(view.policy.maxCompensationPerPackage.amount).toBe('4000.00');
    expect(view.policy.damageProductCap.amount).toBe('80.00');
    expect(view.packages[0]?.maxCompensation).toEqual({ amount: '4000.00', currencyCode: 'GBP' });

    // A damage claim: 30% of 40.00 + 80.00 = 92.00 GBP at most (R8), at the purchase rate.
    await recordEvent(api, shop, pkg.trackingNumber, 'SHIPPED', hoursAgo(50));
    await recordEvent(api, shop, pkg.trackingNumber, 'DELIVERED', hoursAgo(2), {
      signedBy: 'R. M',
    });
    const token = await memberSession(api, shop, 'M-FX');
    const eligibility = await api.gql<{
      claimEligibility: { eligible: boolean; maxPayable: { amount: string; currencyCode: string } };
    }>(ELIGIBILITY, { t: pkg.trackingNumber, c: 'DAMAGE' }, token);
    expect(eligibility.body.data?.claimEligibility).toEqual({
      eligible: true,
      maxPayable: { amount: '92.00', currencyCode: 'GBP' },
    });
    const documentIds = [];
    for (const kind of ALL_DOCUMENTS) documentIds.push(await uploadDocument(api, token, kind));
    const filed = await api.gql<{
      fileClaim: { claim: { id: string } | null; userErrors: UserErrors };
    }>(
      FILE_CLAIM,
      {
        input: {
          trackingNumber: pkg.trackingNumber,
          type: 'DAMAGE',
          description: 'Crushed',
          documentIds,
        },
      },
      token,
    );
    const claimId = filed.body.data?.fileClaim.claim?.id;
    expect(claimId).toBeTruthy();
    const inDollars = await api.gql<{ decideClaim: { userErrors: UserErrors } }>(
      DECIDE,
      {
        input: {
          claimId,
          outcome: 'APPROVE',
          auditedAmount: { amount: '500.00', currencyCode: 'USD' },
        },
      },
      api.operatorKey,
    );
    expect(inDollars.body.data?.decideClaim.userErrors[0]?.code).toBe('INVALID_INPUT');
    const decided = await api.gql<{
      decideClaim: {
        claim: { decision: { payable: { amount: string; currencyCode: string } } } | null;
        userErrors: UserErrors;
      };
    }>(
      DECIDE,
      {
        input: {
          claimId,
          outcome: 'APPROVE',
          auditedAmount: { amount: '500.00', currencyCode: 'GBP' },
        },
      },
      api.operatorKey,
    );
    expect(decided.body.data?.decideClaim.userErrors).toEqual([]);
    expect(decided.body.data?.decideClaim.claim?.decision.payable).toMatchObject({
      amount: '92.00',
    });
  });

  it("refuses a package in another currency than its guarantee's as INVALID_INPUT", async () => {
    await publish({ EUR: '0.93' }, hoursAgo(0.2), 'Package desk');
    const { orderNumber } = await buy('EUR', '200.00');
    const dollars = await registerPackage(orderNumber, {
      declared: '100.00',
      sale: '100.00',
      shipping: '10.00',
      currency: 'USD',
    });
    expect(dollars.payload?.userErrors[0]).toMatchObject({
      code: 'INVALID_INPUT',
      field: ['input', 'declaredValue', 'currencyCode'],
    });
  });
});

describe('refunds (R2)', () => {
  it('a cancellation before shipping records the fee as the refund, in the webhook and a member email', async () => {
    await publish({ JPY: '150' }, hoursAgo(0.1), 'Refund desk');
    const webhookShop = await api.createStorefront({ webhookUrl: 'http://127.0.0.1:9/hooks' });
    const quoted = await api.gql<Quoted>(
      QUOTE,
      { input: { currencyCode: 'JPY', lines: [{ unitPrice: '20000', quantity: 1 }] } },
      webhookShop.publishableKey,
    );
    const purchased = await api.gql<PurchasePayload>(
      PURCHASE,
      {
        input: {
          quoteToken: quoted.body.data?.quoteGuarantee.quote?.token,
          orderNumber: nextOrderNumber(),
          memberId: 'M-REFUND',
          memberEmail: 'refund@example.com',
          productValue: { amount: '20000', currencyCode: 'JPY' },
        },
      },
      webhookShop.secretKey,
    );
    const guarantee = purchased.body.data?.purchaseGuarantee.guarantee;
    // 10% of 20,000 yen is 2,000, below the minimum of 30 x 150 = 4,500 yen.
    expect(guarantee?.fee).toEqual({ amount: '4500', currencyCode: 'JPY' });
    const before = await api.gql<{ node: { refund: unknown } }>(
      GUARANTEE,
      { id: guarantee?.id },
      webhookShop.secretKey,
    );
    expect(before.body.data?.node.refund).toBeNull();

    const cancelled = await api.gql<{ cancelGuarantee: { userErrors: UserErrors } }>(
      CANCEL,
      { input: { guaranteeId: guarantee?.id, reason: 'order cancelled' } },
      webhookShop.secretKey,
    );
    expect(cancelled.body.data?.cancelGuarantee.userErrors).toEqual([]);
    const after = await api.gql<{ node: { status: string; refund: unknown } }>(
      GUARANTEE,
      { id: guarantee?.id },
      webhookShop.secretKey,
    );
    expect(after.body.data?.node).toMatchObject({
      status: 'CANCELLED',
      refund: { amount: '4500', currencyCode: 'JPY' },
    });

    const id = idOf('Guarantee', guarantee?.id ?? '') ?? '';
    const [event] = await api.server.app.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.aggregateId, id), eq(outboxEvents.type, 'guarantee.cancelled')));
    expect((event?.payload as { data: { refund: unknown } } | undefined)?.data.refund).toEqual({
      amount: '4500',
      currencyCode: 'JPY',
    });
    const channels = await api.server.app.db
      .select({ channel: deliveries.channel, target: deliveries.target })
      .from(deliveries)
      .where(eq(deliveries.eventId, event?.id ?? ''));
    expect(channels.map((c) => c.channel).sort()).toEqual(['email', 'webhook']);
    expect(channels.find((c) => c.channel === 'email')?.target).toBe('refund@example.com');
  });
});
