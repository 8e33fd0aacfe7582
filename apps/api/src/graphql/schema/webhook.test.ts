// The webhook administration API: the delivery log (who sees what, paging, filters), on real
// deliveries made by a dispatcher to receivers on loopback.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deliveries, deliveryAttempts } from '@lg/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dispatcher } from '../../outbox/dispatcher.js';
import { type Receiver, startReceiver, webhookLog } from '../../outbox/test-flows.js';
import { startTestApi, type TestApi, type TestStorefront } from '../../test-support/harness.js';
import { purchase } from '../../test-support/operations.js';
import { idOf } from '../global-id.js';

let api: TestApi;
let dispatcher: Dispatcher;
const receivers: Receiver[] = [];

/** A storefront with a webhook receiver of its own. */
async function shopWithReceiver(): Promise<{ shop: TestStorefront; receiver: Receiver }> {
  const receiver = await startReceiver();
  receivers.push(receiver);
  const shop = await api.createStorefront({ webhookUrl: receiver.url });
  return { shop, receiver };
}

/** A loopback port nothing listens on any more. */
async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await new Promise<number>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function advance(ms: number): void {
  api.clock.now = new Date(api.clock.now.getTime() + ms);
}

beforeAll(async () => {
  api = await startTestApi();
  dispatcher = new Dispatcher(api.server.app, { random: () => 0.5, listen: false });
});
afterAll(async () => {
  await dispatcher.stop();
  await api.close();
  await Promise.all(receivers.map((receiver) => receiver.close()));
});

describe('the delivery log', () => {
  it("shows a storefront only its own deliveries; operators any storefront's", async () => {
    const { shop } = await shopWithReceiver();
    const { shop: other } = await shopWithReceiver();
    await purchase(api, shop);
    await dispatcher.runUntilIdle();
    const mine = await webhookLog(api, shop.secretKey);
    expect(mine).toHaveLength(1);
    expect(await webhookLog(api, other.secretKey)).toEqual([]);

    const redeliver = await api.gql<{ redeliverWebhook: { userErrors: { code: string }[] } }>(
      `mutation($input: RedeliverWebhookInput!) { redeliverWebhook(input: $input) { userErrors { code } } }`,
      { input: { deliveryId: mine[0]?.id } },
      other.secretKey,
    );
    expect(redeliver.body.data?.redeliverWebhook.userErrors[0]?.code).toBe('NOT_FOUND');
    const node = await api.gql<{ node: { id: string } | null }>(
      'query($id: ID!) { node(id: $id) { id } }',
      { id: mine[0]?.id },
      other.secretKey,
    );
    expect(node.body.data?.node).toBeNull();

    const asOperator = await webhookLog(api, api.operatorKey, { storefrontId: shop.id });
    expect(asOperator.map((d) => d.id)).toEqual(mine.map((d) => d.id));

    const member = await api.gql(
      'query { webhookDeliveries(first: 1) { edges { cursor } } }',
      {},
      shop.publishableKey,
    );
    expect(member.body.errors?.[0]?.extensions?.code, JSON.stringify(member.body)).toBe(
      'FORBIDDEN',
    );
  });

  it('pages newest first with cursors and filters by event type', async () => {
    const { shop } = await shopWithReceiver();
    for (let i = 0; i < 3; i += 1) {
      await purchase(api, shop);
      advance(1000);
    }
    await dispatcher.runUntilIdle();
    const firstPage = await api.gql<{
      webhookDeliveries: {
        edges: { cursor: string; node: { createdAt: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    }>(
      'query { webhookDeliveries(first: 2) { edges { cursor node { createdAt } } pageInfo { hasNextPage endCursor } } }',
      {},
      shop.secretKey,
    );
    const page = firstPage.body.data?.webhookDeliveries;
    expect(page?.edges).toHaveLength(2);
    expect(page?.pageInfo.hasNextPage).toBe(true);
    const rest = await webhookLog(api, shop.secretKey, {
      after: page?.pageInfo.endCursor,
      first: 10,
    });
    expect(rest).toHaveLength(1);
    const all = [
      ...(page?.edges.map((e) => e.node.createdAt) ?? []),
      ...rest.map((d) => d.createdAt),
    ];
    expect([...all].sort().reverse()).toEqual(all);
    expect(
      await webhookLog(api, shop.secretKey, { filter: { eventType: 'claim.completed' } }),
    ).toEqual([]);
    const bad = await api.gql(
      'query { webhookDeliveries(first: 1, after: "nope") { edges { cursor } } }',
      {},
      shop.secretKey,
    );
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers a cursor whose key is no date with BAD_USER_INPUT, not an internal error', async () => {
    const { shop } = await shopWithReceiver();
    // Beyond the ±8.64e15 ms a Date can hold.
    const crafted = Buffer.from(
      '[12345678901234567890,"00000000-0000-4000-8000-000000000000"]',
    ).toString('base64url');
    const result = await api.gql(
      'query($after: String) { webhookDeliveries(first: 1, after: $after) { edges { cursor } } }',
      { after: crafted },
      shop.secretKey,
    );
    expect(result.body.errors?.[0]?.extensions?.code, JSON.stringify(result.body)).toBe(
      'BAD_USER_INPUT',
    );
  });
});

describe("receivers' errors in the delivery log", () => {
  it('are classes of failure ("connection refused"), never the error text, so the log maps no ports', async () => {
    const port = await closedPort();
    const shop = await api.createStorefront({ webhookUrl: `http://127.0.0.1:${port}/hooks` });
    await purchase(api, shop);
    await dispatcher.runUntilIdle();
    const [delivery] = await webhookLog(api, shop.secretKey);
    expect(delivery).toMatchObject({ status: 'PENDING', lastError: 'connection refused' });
    expect(delivery?.attempts.map((a) => a.error)).toEqual(['connection refused']);
  });

  it('shows what older versions recorded in their own words as a class too', async () => {
    const { shop, receiver } = await shopWithReceiver();
    receiver.answer = () => 502;
    await purchase(api, shop);
    await dispatcher.runUntilIdle();
    const [listed] = await webhookLog(api, shop.secretKey);
    const id = idOf('WebhookDelivery', listed?.id as string) as string;
    const raw = 'connect ECONNREFUSED 10.0.0.7:5432';
    await api.server.app.db.update(deliveries).set({ lastError: raw }).where(eq(deliveries.id, id));
    // Attempts are append-only: an older version's attempt is written as it would have been.
    await api.server.app.db.insert(deliveryAttempts).values({
      id: randomUUID(),
      deliveryId: id,
      attempt: 2,
      statusCode: null,
      error: 'connection failed (ECONNREFUSED)',
      durationMs: 3,
      ok: false,
    });
    const [delivery] = await webhookLog(api, shop.secretKey);
    expect(delivery?.lastError).toBe('request failed');
    expect(delivery?.attempts.map((a) => a.error)).toEqual(['HTTP 502', 'connection refused']);
  });
});
