import { deliveries } from '@lg/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi, type TestStorefront } from '../../test-support/harness.js';
import {
  CANCEL,
  nextOrderNumber,
  PURCHASE,
  type PurchasePayload,
  purchase,
  quoteToken,
} from '../../test-support/operations.js';
import { idOf } from '../global-id.js';

let api: TestApi;
let shop: TestStorefront;
let otherShop: TestStorefront;

beforeAll(async () => {
  api = await startTestApi();
  shop = await api.createStorefront();
  otherShop = await api.createStorefront();
});
afterAll(() => api.close());

/** The order's value as the storefront's server states it: the quotes here are for 120.00. */
const ORDER_VALUE = { amount: '120.00', currencyCode: 'USD' };

function buy(input: Record<string, unknown>, key = shop.secretKey) {
  return api.gql<PurchasePayload>(
    PURCHASE,
    { input: { productValue: ORDER_VALUE, ...input } },
    key,
  );
}

describe('purchaseGuarantee', () => {
  it('R2 records the guarantee with the quoted fee and its policy version', async () => {
    const { guarantee, result } = await purchase(api, shop, { value: '456.78' });
    expect(result.body.data?.purchaseGuarantee.userErrors).toEqual([]);
    expect(guarantee).toMatchObject({
      status: 'ACTIVE',
      memberId: 'M1042',
      policyVersion: '2026-11',
      fee: { amount: '45.68', currencyCode: 'USD' },
      productValue: { amount: '456.78' },
    });
  });

  it('R4 allows one guarantee per order number per storefront', async () => {
    const orderNumber = nextOrderNumber();
    await purchase(api, shop, { orderNumber });
    const again = await purchase(api, shop, { orderNumber });
    expect(again.result.body.data?.purchaseGuarantee.userErrors[0]?.code).toBe(
      'ORDER_ALREADY_GUARANTEED',
    );
    // Another storefront may use the same order number.
    const elsewhere = await purchase(api, otherShop, { orderNumber });
    expect(elsewhere.guarantee?.status).toBe('ACTIVE');
  });

  it('R3 refuses a tampered quote token as QUOTE_INVALID', async () => {
    const token = await quoteToken(api, shop);
    const [purpose, payload, signature] = token.split('.');
    const decoded = JSON.parse(Buffer.from(payload as string, 'base64url').toString());
    decoded.fee = 1;
    const forged = `${purpose}.${Buffer.from(JSON.stringify(decoded)).toString('base64url')}.${signature}`;
    const result = await buy({
      quoteToken: forged,
      orderNumber: nextOrderNumber(),
      memberId: 'M1',
      memberEmail: 'a@example.com',
    });
    expect(result.body.data?.purchaseGuarantee.userErrors[0]).toMatchObject({
      code: 'QUOTE_INVALID',
      field: ['input', 'quoteToken'],
    });
    const garbage = await buy({
      quoteToken: 'not-a-token',
      orderNumber: nextOrderNumber(),
      memberId: 'M1',
      memberEmail: 'a@example.com',
    });
    expect(garbage.body.data?.purchaseGuarantee.userErrors[0]?.code).toBe('QUOTE_INVALID');
  });

  it('R3 refuses a quote issued for another storefront', async () => {
    const token = await quoteToken(api, otherShop);
    const result = await buy({
      quoteToken: token,
      orderNumber: nextOrderNumber(),
      memberId: 'M1',
      memberEmail: 'a@example.com',
    });
    expect(result.body.data?.purchaseGuarantee.userErrors[0]?.code).toBe('QUOTE_INVALID');
  });

  it('R3 refuses an expired quote (30 minutes)', async () => {
    const token = await quoteToken(api, shop);
    const issued = api.clock.now;
    try {
      api.clock.now = new Date(issued.getTime() + 30 * 60_000 + 1);
      const result = await buy({
        quoteToken: token,
        orderNumber: nextOrderNumber(),
        memberId: 'M1',
        memberEmail: 'a@example.com',
      });
      expect(result.body.data?.purchaseGuarantee.userErrors[0]?.code).toBe('QUOTE_EXPIRED');
    } finally {
      api.clock.now = issued;
    }
  });

  it('refuses bad member data with field paths and writes nothing', async () => {
    const token = await quoteToken(api, shop);
    const orderNumber = nextOrderNumber();
    const result = await buy({
      quoteToken: token,
      orderNumber,
      memberId: '',
      memberEmail: 'not-an-email',
    });
    const errors = result.body.data?.purchaseGuarantee.userErrors ?? [];
    expect(errors.map((e) => e.field?.join('.'))).toEqual(['input.memberId', 'input.memberEmail']);
    expect(errors.every((e) => e.code === 'INVALID_INPUT')).toBe(true);
    const retry = await buy({
      quoteToken: token,
      orderNumber,
      memberId: 'M1',
      memberEmail: 'ok@example.com',
    });
    expect(retry.body.data?.purchaseGuarantee.guarantee?.status).toBe('ACTIVE');
  });

  it('writes a purchase in one statement: the key, the guarantee and the outbox event together', async () => {
    await purchase(api, shop, { idempotencyKey: 'key-warm-up' }); // the key lookup is cached
    const before = api.queries.length;
    const { result } = await purchase(api, shop, { idempotencyKey: 'key-count' });
    expect(result.body.data?.purchaseGuarantee.userErrors).toEqual([]);
    const sent = api.queries.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/insert into idempotency_keys/);
    expect(sent[0]).toMatch(/insert into guarantees/);
    expect(sent[0]).toMatch(/insert into outbox_events/);
  });

  it.each([
    ['a webhook URL', 'https://hooks.example/lg', ['email', 'webhook']],
    ['no webhook URL', null, ['email']],
    ['an empty webhook URL', '', ['email']],
  ])(
    'queues the member email and, for a storefront with %s, its webhook',
    async (_name, webhookUrl, channels) => {
      const store = await api.createStorefront({ webhookUrl });
      const { guarantee } = await purchase(api, store);
      const queued = await api.server.app.db
        .select({ channel: deliveries.channel })
        .from(deliveries)
        .where(eq(deliveries.aggregateId, idOf('Guarantee', guarantee?.id ?? '') ?? ''));
      expect(queued.map((row) => row.channel).sort()).toEqual(channels);
    },
  );

  describe('idempotencyKey', () => {
    it('replays the first result for the same key and input', async () => {
      const token = await quoteToken(api, shop);
      const input = {
        quoteToken: token,
        orderNumber: nextOrderNumber(),
        memberId: 'M7',
        memberEmail: 'm7@example.com',
        idempotencyKey: 'key-replay',
      };
      const first = await buy(input);
      const second = await buy(input);
      expect(second.body.data?.purchaseGuarantee.guarantee?.id).toBe(
        first.body.data?.purchaseGuarantee.guarantee?.id,
      );
      expect(second.body.data?.purchaseGuarantee.userErrors).toEqual([]);
    });

    it('replays the guarantee as it is now: cancelled since, it reads cancelled', async () => {
      const input = {
        quoteToken: await quoteToken(api, shop),
        orderNumber: nextOrderNumber(),
        memberId: 'M8',
        memberEmail: 'm8@example.com',
        idempotencyKey: 'key-replay-cancelled',
      };
      const first = await buy(input);
      const id = first.body.data?.purchaseGuarantee.guarantee?.id;
      await api.gql(CANCEL, { input: { guaranteeId: id } }, shop.secretKey);
      const replay = await buy(input);
      expect(replay.body.data?.purchaseGuarantee.guarantee).toMatchObject({
        id,
        status: 'CANCELLED',
      });
    });

    it('replays even after the quote has expired', async () => {
      const token = await quoteToken(api, shop);
      const input = {
        quoteToken: token,
        orderNumber: nextOrderNumber(),
        memberId: 'M7',
        memberEmail: 'm7@example.com',
        idempotencyKey: 'key-late-retry',
      };
      const first = await buy(input);
      const issued = api.clock.now;
      api.clock.now = new Date(issued.getTime() + 2 * 60 * 60_000);
      try {
        const retry = await buy(input);
        expect(retry.body.data?.purchaseGuarantee.guarantee?.id).toBe(
          first.body.data?.purchaseGuarantee.guarantee?.id,
        );
      } finally {
        api.clock.now = issued;
      }
    });

    it('refuses the same key with another input as IDEMPOTENCY_KEY_REUSED', async () => {
      const token = await quoteToken(api, shop);
      await buy({
        quoteToken: token,
        orderNumber: nextOrderNumber(),
        memberId: 'M8',
        memberEmail: 'm8@example.com',
        idempotencyKey: 'key-reuse',
      });
      const other = await buy({
        quoteToken: token,
        orderNumber: nextOrderNumber(),
        memberId: 'M8',
        memberEmail: 'm8@example.com',
        idempotencyKey: 'key-reuse',
      });
      expect(other.body.data?.purchaseGuarantee.userErrors[0]).toMatchObject({
        code: 'IDEMPOTENCY_KEY_REUSED',
        field: ['input', 'idempotencyKey'],
      });
    });

    it('does not use the key up on a refusal', async () => {
      const expired = 'q.e30.bad';
      const orderNumber = nextOrderNumber();
      const refused = await buy({
        quoteToken: expired,
        orderNumber,
        memberId: 'M9',
        memberEmail: 'm9@example.com',
        idempotencyKey: 'key-after-refusal',
      });
      expect(refused.body.data?.purchaseGuarantee.userErrors[0]?.code).toBe('QUOTE_INVALID');
      const token = await quoteToken(api, shop);
      const ok = await buy({
        quoteToken: token,
        orderNumber,
        memberId: 'M9',
        memberEmail: 'm9@example.com',
        idempotencyKey: 'key-after-refusal',
      });
      expect(ok.body.data?.purchaseGuarantee.guarantee?.status).toBe('ACTIVE');
    });

    it('creates exactly one guarantee for 20 concurrent requests with one key', async () => {
      const token = await quoteToken(api, shop);
      const input = {
        quoteToken: token,
        orderNumber: nextOrderNumber(),
        memberId: 'M10',
        memberEmail: 'm10@example.com',
        idempotencyKey: 'key-concurrent',
      };
      const results = await Promise.all(Array.from({ length: 20 }, () => buy(input)));
      const ids = new Set(results.map((r) => r.body.data?.purchaseGuarantee.guarantee?.id));
      expect(ids.size).toBe(1);
      expect([...ids][0]).toBeTruthy();
    });

    it('lets exactly one of 20 concurrent purchases of one order win without keys', async () => {
      const orderNumber = nextOrderNumber();
      const tokens = await Promise.all(Array.from({ length: 20 }, () => quoteToken(api, shop)));
      const results = await Promise.all(
        tokens.map((quoteToken) =>
          buy({ quoteToken, orderNumber, memberId: 'M11', memberEmail: 'm11@example.com' }),
        ),
      );
      const won = results.filter((r) => r.body.data?.purchaseGuarantee.guarantee);
      const refused = results.filter(
        (r) => r.body.data?.purchaseGuarantee.userErrors[0]?.code === 'ORDER_ALREADY_GUARANTEED',
      );
      expect(won).toHaveLength(1);
      expect(refused).toHaveLength(19);
    });
  });
});

describe('guarantee queries', () => {
  it('reads a guarantee by id and by order number, and hides it from another storefront', async () => {
    const { guarantee, input } = await purchase(api, shop);
    const byId = await api.gql<{ guarantee: { orderNumber: string } | null }>(
      'query($id: ID!) { guarantee(id: $id) { orderNumber } }',
      { id: guarantee?.id },
      shop.secretKey,
    );
    expect(byId.body.data?.guarantee?.orderNumber).toBe(input.orderNumber);
    const byOrder = await api.gql<{ guaranteeByOrderNumber: { id: string } | null }>(
      'query($n: String!) { guaranteeByOrderNumber(orderNumber: $n) { id } }',
      { n: input.orderNumber },
      shop.secretKey,
    );
    expect(byOrder.body.data?.guaranteeByOrderNumber?.id).toBe(guarantee?.id);
    const foreign = await api.gql<{ guarantee: unknown; node: unknown }>(
      'query($id: ID!) { guarantee(id: $id) { id } node(id: $id) { id } }',
      { id: guarantee?.id },
      otherShop.secretKey,
    );
    expect(foreign.body.data).toEqual({ guarantee: null, node: null });
  });

  it('lets operators find an order on a named storefront', async () => {
    const { guarantee, input } = await purchase(api, shop);
    const result = await api.gql<{ guaranteeByOrderNumber: { id: string } | null }>(
      'query($n: String!, $s: ID) { guaranteeByOrderNumber(orderNumber: $n, storefrontId: $s) { id } }',
      { n: input.orderNumber, s: shop.id },
      api.operatorKey,
    );
    expect(result.body.data?.guaranteeByOrderNumber?.id).toBe(guarantee?.id);
  });
});

describe('cancelGuarantee', () => {
  it('R2 cancels an unshipped guarantee and records when', async () => {
    const { guarantee } = await purchase(api, shop);
    const result = await api.gql<{
      cancelGuarantee: {
        guarantee: { status: string; cancelledAt: string } | null;
        userErrors: unknown[];
      };
    }>(
      CANCEL,
      { input: { guaranteeId: guarantee?.id, reason: 'order cancelled' } },
      shop.secretKey,
    );
    expect(result.body.data?.cancelGuarantee.guarantee?.status).toBe('CANCELLED');
    expect(result.body.data?.cancelGuarantee.guarantee?.cancelledAt).toBe(
      api.clock.now.toISOString(),
    );
  });

  it("refuses another storefront's guarantee as NOT_FOUND", async () => {
    const { guarantee } = await purchase(api, shop);
    const result = await api.gql<{ cancelGuarantee: { userErrors: { code: string }[] } }>(
      CANCEL,
      { input: { guaranteeId: guarantee?.id } },
      otherShop.secretKey,
    );
    expect(result.body.data?.cancelGuarantee.userErrors[0]?.code).toBe('NOT_FOUND');
  });
});
