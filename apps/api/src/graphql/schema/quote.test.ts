import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi, type TestStorefront } from '../../test-support/harness.js';

const QUOTE = `mutation($input: QuoteGuaranteeInput!) { quoteGuarantee(input: $input) {
  quote { id token productValue { amount currencyCode } fee { amount currencyCode } feeRate
          minimumFeeApplied policyVersion expiresAt maxCompensationPerPackage { amount } }
  userErrors { field message code } } }`;

type QuoteResult = {
  quoteGuarantee: {
    quote: null | {
      token: string;
      productValue: { amount: string };
      fee: { amount: string; currencyCode: string };
      feeRate: string;
      minimumFeeApplied: boolean;
      policyVersion: string;
      expiresAt: string;
      maxCompensationPerPackage: { amount: string };
    };
    userErrors: { field: string[]; code: string; message: string }[];
  };
};

let api: TestApi;
let shop: TestStorefront;

beforeAll(async () => {
  api = await startTestApi();
  shop = await api.createStorefront();
});
afterAll(() => api.close());

function quote(lines: unknown[], currencyCode = 'USD', key = shop.publishableKey) {
  return api.gql<QuoteResult>(QUOTE, { input: { currencyCode, lines } }, key);
}

describe('quoteGuarantee', () => {
  it.each([
    ['120.00', '30.00', true],
    ['299.99', '30.00', true],
    ['300.00', '30.00', false],
    ['300.01', '30.00', false],
    ['456.78', '45.68', false],
    ['1000.00', '100.00', false],
  ])('R1 quotes a product value of %s at %s (minimum applied: %s)', async (value, fee, minimum) => {
    const result = await quote([{ title: 'Cart', unitPrice: value, quantity: 1 }]);
    const q = result.body.data?.quoteGuarantee.quote;
    expect(result.body.data?.quoteGuarantee.userErrors).toEqual([]);
    expect(q?.fee).toEqual({ amount: fee, currencyCode: 'USD' });
    expect(q?.minimumFeeApplied).toBe(minimum);
    expect(q?.productValue.amount).toBe(value);
  });

  it('R1 sums price x quantity over lines and shows the cap before buying', async () => {
    const result = await quote([
      { sku: 'A', unitPrice: '100.00', quantity: 3 },
      { sku: 'B', unitPrice: '78.39', quantity: 2 },
    ]);
    const q = result.body.data?.quoteGuarantee.quote;
    expect(q?.productValue.amount).toBe('456.78');
    expect(q?.fee.amount).toBe('45.68');
    expect(q?.feeRate).toBe('0.10');
    expect(q?.policyVersion).toBe('2026-11');
    expect(q?.maxCompensationPerPackage.amount).toBe('5000.00');
  });

  it('R3 expires 30 minutes after it was issued', async () => {
    const before = api.clock.now.getTime();
    const q = (await quote([{ unitPrice: '10.00', quantity: 1 }])).body.data?.quoteGuarantee.quote;
    expect(new Date(q?.expiresAt ?? 0).getTime()).toBe(before + 30 * 60_000);
  });

  it('refuses amounts with more decimals than USD allows, with the field path', async () => {
    const result = await quote([
      { unitPrice: '1.00', quantity: 1 },
      { unitPrice: '12.345', quantity: 1 },
    ]);
    expect(result.status).toBe(200);
    expect(result.body.data?.quoteGuarantee.quote).toBeNull();
    expect(result.body.data?.quoteGuarantee.userErrors[0]).toMatchObject({
      code: 'INVALID_INPUT',
      field: ['input', 'lines', '1', 'unitPrice'],
    });
  });

  it.each([['abc'], ['1e3'], [''], ['-1.00'], ['1000000000.01']])(
    'refuses the unit price %j as INVALID_INPUT',
    async (price) => {
      const result = await quote([{ unitPrice: price, quantity: 1 }]);
      expect(result.body.data?.quoteGuarantee.userErrors[0]?.code).toBe('INVALID_INPUT');
    },
  );

  it.each([[0], [10001], [-1]])('refuses a quantity of %i', async (quantity) => {
    const result = await quote([{ unitPrice: '1.00', quantity }]);
    expect(result.body.data?.quoteGuarantee.userErrors[0]?.code).toBe('INVALID_INPUT');
  });

  it('refuses an empty cart and more than 100 lines', async () => {
    expect((await quote([])).body.data?.quoteGuarantee.userErrors[0]?.code).toBe('INVALID_INPUT');
    const many = Array.from({ length: 101 }, () => ({ unitPrice: '1.00', quantity: 1 }));
    expect((await quote(many)).body.data?.quoteGuarantee.userErrors[0]?.code).toBe('INVALID_INPUT');
  });

  it('refuses a currency other than USD as UNSUPPORTED_CURRENCY', async () => {
    const result = await quote([{ unitPrice: '10.00', quantity: 1 }], 'EUR');
    expect(result.body.data?.quoteGuarantee.userErrors[0]).toMatchObject({
      code: 'UNSUPPORTED_CURRENCY',
      field: ['input', 'currencyCode'],
    });
  });

  it('does no database I/O once the key is known (DESIGN: quotes are signed, not stored)', async () => {
    await quote([{ unitPrice: '10.00', quantity: 1 }]);
    const before = api.queries.length;
    for (let i = 0; i < 5; i += 1) await quote([{ unitPrice: `${10 + i}.00`, quantity: 1 }]);
    expect(api.queries.length).toBe(before);
  });
});
