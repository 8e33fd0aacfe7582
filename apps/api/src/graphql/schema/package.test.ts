import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi, type TestStorefront } from '../../test-support/harness.js';
import {
  ADDRESS,
  CANCEL,
  guaranteedPackage,
  nextTrackingNumber,
  purchase,
  RECORD_EVENT,
  REGISTER_PACKAGE,
  recordEvent,
  type UserErrors,
} from '../../test-support/operations.js';

let api: TestApi;
let shop: TestStorefront;
const HOUR = 3_600_000;
const ago = (ms: number) => new Date(api.clock.now.getTime() - ms);

beforeAll(async () => {
  api = await startTestApi();
  shop = await api.createStorefront();
});
afterAll(() => api.close());

type RegisterResult = {
  registerPackage: {
    package: { flags: string[]; maxCompensation: { amount: string } } | null;
    userErrors: UserErrors;
  };
};

function register(input: Record<string, unknown>) {
  return api.gql<RegisterResult>(REGISTER_PACKAGE, { input }, shop.secretKey);
}

const money = (amount: string) => ({ amount, currencyCode: 'USD' });

describe('registerPackage', () => {
  it('refuses a package of an order without a guarantee as NOT_COVERED', async () => {
    const result = await register({
      orderNumber: 'SO-NOPE',
      trackingNumber: nextTrackingNumber(),
      declaredValue: money('10.00'),
      salePrice: money('10.00'),
      shippingFee: money('1.00'),
    });
    expect(result.body.data?.registerPackage.userErrors[0]).toMatchObject({
      code: 'NOT_COVERED',
      field: ['input', 'orderNumber'],
    });
  });

  it('R5 lets split shipments share the order value, refusing the package that would exceed it', async () => {
    const { input } = await purchase(api, shop, { value: '100.00' });
    const part = (salePrice: string) =>
      register({
        orderNumber: input.orderNumber,
        trackingNumber: nextTrackingNumber(),
        declaredValue: money('10000.00'),
        salePrice: money(salePrice),
        shippingFee: money('5.00'),
      });
    expect((await part('60.00')).body.data?.registerPackage.userErrors).toEqual([]);
    expect((await part('40.00')).body.data?.registerPackage.userErrors).toEqual([]);
    const third = await part('0.01');
    expect(third.body.data?.registerPackage).toMatchObject({
      package: null,
      userErrors: [
        { code: 'PACKAGE_VALUE_EXCEEDS_ORDER', field: ['input', 'salePrice', 'amount'] },
      ],
    });
  });

  it('R5 refuses a package sold for more than a $1 order, so its cover stays at $1 plus shipping', async () => {
    const { input } = await purchase(api, shop, { value: '1.00' });
    const declaredHigh = await register({
      orderNumber: input.orderNumber,
      trackingNumber: nextTrackingNumber(),
      declaredValue: money('10000.00'),
      salePrice: money('10000.00'),
      shippingFee: money('5.00'),
    });
    expect(declaredHigh.body.data?.registerPackage.userErrors[0]?.code).toBe(
      'PACKAGE_VALUE_EXCEEDS_ORDER',
    );
    const honest = await register({
      orderNumber: input.orderNumber,
      trackingNumber: nextTrackingNumber(),
      declaredValue: money('10000.00'),
      salePrice: money('1.00'),
      shippingFee: money('5.00'),
    });
    expect(honest.body.data?.registerPackage.package?.maxCompensation).toEqual({ amount: '6.00' });
  });

  it('lets one of two packages registered at once take the last of the order value', async () => {
    const { input } = await purchase(api, shop, { value: '100.00' });
    const results = await Promise.all(
      ['70.00', '70.00'].map((salePrice) =>
        register({
          orderNumber: input.orderNumber,
          trackingNumber: nextTrackingNumber(),
          declaredValue: money(salePrice),
          salePrice: money(salePrice),
          shippingFee: money('5.00'),
        }),
      ),
    );
    const codes = results.map((r) => r.body.data?.registerPackage.userErrors[0]?.code ?? 'OK');
    expect(codes.sort()).toEqual(['OK', 'PACKAGE_VALUE_EXCEEDS_ORDER']);
  });

  it('refuses a duplicate tracking number with DUPLICATE_TRACKING_NUMBER', async () => {
    const { orderNumber, trackingNumber } = await guaranteedPackage(api, shop);
    const again = await register({
      orderNumber,
      trackingNumber,
      declaredValue: money('10.00'),
      salePrice: money('10.00'),
      shippingFee: money('1.00'),
    });
    expect(again.body.data?.registerPackage.userErrors[0]?.code).toBe('DUPLICATE_TRACKING_NUMBER');
  });

  it('refuses a package of a cancelled guarantee as NOT_COVERED', async () => {
    const { guarantee, input } = await purchase(api, shop);
    await api.gql(CANCEL, { input: { guaranteeId: guarantee?.id } }, shop.secretKey);
    const result = await register({
      orderNumber: input.orderNumber,
      trackingNumber: nextTrackingNumber(),
      declaredValue: money('10.00'),
      salePrice: money('10.00'),
      shippingFee: money('1.00'),
    });
    expect(result.body.data?.registerPackage.userErrors[0]?.code).toBe('NOT_COVERED');
  });

  it('R12 flags ADDRESS_MISMATCH when the delivery address differs from the Member Center', async () => {
    const { input } = await purchase(api, shop);
    const result = await register({
      orderNumber: input.orderNumber,
      trackingNumber: nextTrackingNumber(),
      declaredValue: money('100.00'),
      salePrice: money('90.00'),
      shippingFee: money('10.00'),
      deliveryAddress: { ...ADDRESS, line1: '99 Other Street' },
      memberCenterAddress: ADDRESS,
    });
    expect(result.body.data?.registerPackage.package?.flags).toEqual(['ADDRESS_MISMATCH']);
  });

  it('R5/R6 shows the most the package can be paid: lower of value and sale price, plus shipping', async () => {
    const { input } = await purchase(api, shop);
    const result = await register({
      orderNumber: input.orderNumber,
      trackingNumber: nextTrackingNumber(),
      declaredValue: money('100.00'),
      salePrice: money('90.00'),
      shippingFee: money('10.00'),
    });
    expect(result.body.data?.registerPackage.package?.maxCompensation.amount).toBe('100.00');
  });

  it('R9 caps the most a package can be paid at $5,000', async () => {
    const { input } = await purchase(api, shop, { value: '9000.00' });
    const result = await register({
      orderNumber: input.orderNumber,
      trackingNumber: nextTrackingNumber(),
      declaredValue: money('9000.00'),
      salePrice: money('9000.00'),
      shippingFee: money('250.00'),
    });
    expect(result.body.data?.registerPackage.package?.maxCompensation.amount).toBe('5000.00');
  });

  it('refuses bad amounts, weights and addresses field by field, writing nothing', async () => {
    const { input } = await purchase(api, shop);
    const trackingNumber = nextTrackingNumber();
    const result = await register({
      orderNumber: input.orderNumber,
      trackingNumber,
      declaredValue: money('12.345'),
      salePrice: money('-1.00'),
      shippingFee: { amount: '1.0', currencyCode: 'JPY' },
      estimatedWeightGrams: 0,
      deliveryAddress: { ...ADDRESS, countryCode: 'usa' },
    });
    const fields = result.body.data?.registerPackage.userErrors.map(
      (e) => `${e.code}:${e.field?.join('.')}`,
    );
    expect(fields).toEqual([
      'INVALID_INPUT:input.estimatedWeightGrams',
      'INVALID_INPUT:input.declaredValue',
      'INVALID_INPUT:input.salePrice',
      'INVALID_INPUT:input.shippingFee',
      'INVALID_INPUT:input.deliveryAddress.countryCode',
    ]);
    const retry = await register({
      orderNumber: input.orderNumber,
      trackingNumber,
      declaredValue: money('10.00'),
      salePrice: money('10.00'),
      shippingFee: money('1.00'),
    });
    expect(retry.body.data?.registerPackage.userErrors).toEqual([]);
  });

  it("refuses amounts in another currency than the guarantee's as INVALID_INPUT, writing nothing", async () => {
    const { input } = await purchase(api, shop);
    const trackingNumber = nextTrackingNumber();
    const result = await register({
      orderNumber: input.orderNumber,
      trackingNumber,
      declaredValue: money('10.00'),
      salePrice: money('10.00'),
      shippingFee: { amount: '1.00', currencyCode: 'EUR' },
    });
    expect(result.body.data?.registerPackage.userErrors).toEqual([
      expect.objectContaining({
        code: 'INVALID_INPUT',
        field: ['input', 'shippingFee', 'currencyCode'],
      }),
    ]);
    const retry = await register({
      orderNumber: input.orderNumber,
      trackingNumber,
      declaredValue: money('10.00'),
      salePrice: money('10.00'),
      shippingFee: money('1.00'),
    });
    expect(retry.body.data?.registerPackage.userErrors).toEqual([]);
  });
});

describe('recordPackageEvent', () => {
  it('refuses an event in the future as INVALID_INPUT', async () => {
    const { trackingNumber } = await guaranteedPackage(api, shop);
    const result = await recordEvent(
      api,
      shop,
      trackingNumber,
      'SHIPPED',
      new Date(api.clock.now.getTime() + 60_000),
    );
    expect(result?.userErrors[0]).toMatchObject({
      code: 'INVALID_INPUT',
      field: ['input', 'occurredAt'],
    });
  });

  it('refuses an unknown tracking number as NOT_FOUND', async () => {
    const result = await recordEvent(api, shop, 'TRK-UNKNOWN', 'SHIPPED', ago(HOUR));
    expect(result?.userErrors[0]?.code).toBe('NOT_FOUND');
  });

  it('keeps the furthest status when a late SHIPPED arrives after DELIVERED', async () => {
    const { trackingNumber } = await guaranteedPackage(api, shop);
    await recordEvent(api, shop, trackingNumber, 'DELIVERED', ago(HOUR), {
      signedBy: 'J. Doe',
      actualWeightGrams: 1000,
    });
    const late = await recordEvent(api, shop, trackingNumber, 'SHIPPED', ago(48 * HOUR));
    expect(late?.package?.status).toBe('DELIVERED');
  });

  it('treats an exact duplicate event as a no-op', async () => {
    const { trackingNumber } = await guaranteedPackage(api, shop);
    const at = ago(2 * HOUR);
    const first = await recordEvent(api, shop, trackingNumber, 'SHIPPED', at);
    const second = await recordEvent(api, shop, trackingNumber, 'SHIPPED', at);
    expect(second).toEqual(first);
  });

  it('R12 flags NO_SIGNATURE and WEIGHT_SHORTFALL from the delivery data', async () => {
    const { trackingNumber } = await guaranteedPackage(api, shop, { estimatedWeightGrams: 1000 });
    const delivered = await recordEvent(api, shop, trackingNumber, 'DELIVERED', ago(HOUR), {
      actualWeightGrams: 850,
    });
    expect(delivered?.package?.flags).toEqual(['NO_SIGNATURE', 'WEIGHT_SHORTFALL']);
  });

  it('R7 does not flag a shortfall of exactly 10% of the estimate', async () => {
    const { trackingNumber } = await guaranteedPackage(api, shop, { estimatedWeightGrams: 1000 });
    const delivered = await recordEvent(api, shop, trackingNumber, 'DELIVERED', ago(HOUR), {
      signedBy: 'A',
      actualWeightGrams: 900,
    });
    expect(delivered?.package?.flags).toEqual([]);
  });

  it('R12 flags SHIPPED_BEFORE_PURCHASE when the carrier shipped before the guarantee was bought', async () => {
    const { trackingNumber } = await guaranteedPackage(api, shop);
    const result = await recordEvent(api, shop, trackingNumber, 'SHIPPED', ago(72 * HOUR));
    expect(result?.package?.flags).toContain('SHIPPED_BEFORE_PURCHASE');
  });

  it('refuses a signature on a non-delivery event', async () => {
    const { trackingNumber } = await guaranteedPackage(api, shop);
    const result = await api.gql<{ recordPackageEvent: { userErrors: UserErrors } }>(
      RECORD_EVENT,
      {
        input: {
          trackingNumber,
          type: 'SHIPPED',
          occurredAt: ago(HOUR).toISOString(),
          signedBy: 'X',
        },
      },
      shop.secretKey,
    );
    expect(result.body.data?.recordPackageEvent.userErrors[0]?.code).toBe('INVALID_INPUT');
  });

  it('answers a malformed occurredAt with a clear GraphQL error, not a 500', async () => {
    const result = await api.gql(
      RECORD_EVENT,
      { input: { trackingNumber: 'X', type: 'SHIPPED', occurredAt: 'yesterday' } },
      shop.secretKey,
    );
    expect(result.status).toBe(400);
    expect(result.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(result.body)).not.toMatch(/stack|at .*\.ts/);
  });
});

describe('cancelGuarantee after shipping', () => {
  it('R2 refuses to cancel once a package of the order has shipped', async () => {
    const { guarantee, trackingNumber } = await guaranteedPackage(api, shop);
    await recordEvent(api, shop, trackingNumber, 'SHIPPED', ago(HOUR));
    const result = await api.gql<{
      cancelGuarantee: { guarantee: unknown; userErrors: UserErrors };
    }>(CANCEL, { input: { guaranteeId: guarantee.id } }, shop.secretKey);
    expect(result.body.data?.cancelGuarantee).toMatchObject({
      guarantee: null,
      userErrors: [{ code: 'PACKAGE_ALREADY_SHIPPED' }],
    });
  });
});
