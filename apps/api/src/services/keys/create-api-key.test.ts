// createApiKey: operators issue keys in either mode; test and live keys never see each other's
// data, because a key of the other mode belongs to the shop's storefront of that mode.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeApiKey } from '../../auth/key-revocation.js';
import { startTestApi, type TestApi, type TestStorefront } from '../../test-support/harness.js';
import {
  CREATE_API_KEY,
  type CreateApiKeyResult,
  createKey,
  storefrontKeys,
} from '../../test-support/keys.js';
import {
  CANCEL,
  FILE_CLAIM,
  guaranteedPackage,
  memberSession,
  nextTrackingNumber,
  PURCHASE,
  type PurchasePayload,
  purchase,
  quoteToken,
  REGISTER_PACKAGE,
  recordEvent,
} from '../../test-support/operations.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const DAY = 24 * 60 * 60 * 1000;
const CLAIMS = '{ claims(first: 10) { edges { node { id } } } }';
const BY_ORDER = `query($order: String!) { guaranteeByOrderNumber(orderNumber: $order) { id } }`;

/** A shop's live side: its storefront and keys from createApiKey. */
async function goLive(shop: TestStorefront): Promise<TestStorefront> {
  const secret = await createKey(api, shop.id, 'SECRET', 'LIVE');
  const publishable = await createKey(api, shop.id, 'PUBLISHABLE', 'LIVE');
  expect(publishable.storefrontId).toBe(secret.storefrontId);
  return {
    id: secret.storefrontId,
    secretKey: secret.key,
    publishableKey: publishable.key,
    webhookSecret: '',
  };
}

describe('createApiKey', () => {
  it('gives a storefront whose secret key was revoked a new one', async () => {
    const shop = await api.createStorefront();
    await revokeApiKey(api.server.app.db, shop.secretKey, new Date());
    expect((await api.gql(CLAIMS, {}, shop.secretKey)).status).toBe(401);

    const created = await createKey(api, shop.id, 'SECRET', 'TEST');
    expect(created.key).toMatch(/^sk_test_/);
    expect(created.storefrontId).toBe(shop.id);
    expect((await api.gql(CLAIMS, {}, created.key)).status).toBe(200);
    const kinds = (await storefrontKeys(api, shop.id, created.key)).map((key) => key.kind);
    expect(kinds.sort()).toEqual(['PUBLISHABLE', 'SECRET', 'SECRET']);
  });

  it('issues live keys to one live storefront of the shop, with its name and origins', async () => {
    const shop = await api.createStorefront({ allowedOrigins: ['https://live.example'] });
    const live = await goLive(shop);
    expect(live.id).not.toBe(shop.id);
    expect(live.secretKey).toMatch(/^sk_live_/);
    expect(live.publishableKey).toMatch(/^pk_live_/);
    const again = await createKey(api, shop.id, 'SECRET', 'LIVE');
    expect(again.storefrontId).toBe(live.id);
    // Named from the live side, a test key goes back to the test storefront.
    expect((await createKey(api, live.id, 'PUBLISHABLE', 'TEST')).storefrontId).toBe(shop.id);

    const result = await api.gql<CreateApiKeyResult>(
      CREATE_API_KEY,
      { input: { storefrontId: live.id, kind: 'PUBLISHABLE', mode: 'LIVE' } },
      api.operatorKey,
    );
    expect(result.body.data?.createApiKey.storefront).toEqual({
      id: live.id,
      mode: 'LIVE',
      name: 'Test Shop',
      allowedOrigins: ['https://live.example'],
    });
    // The live widget works from the shop's origin.
    const quote = await api.gql(
      'mutation { quoteGuarantee(input: { currencyCode: USD, lines: [{ unitPrice: "10.00", quantity: 1 }] }) { quote { id } } }',
      {},
      live.publishableKey,
      { origin: 'https://live.example' },
    );
    expect(quote.status).toBe(200);
  });

  it('is for operators only', async () => {
    const shop = await api.createStorefront();
    for (const credential of [shop.secretKey, shop.publishableKey]) {
      const refused = await api.gql(
        CREATE_API_KEY,
        { input: { storefrontId: shop.id, kind: 'SECRET', mode: 'LIVE' } },
        credential,
      );
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const unknown = await api.gql<CreateApiKeyResult>(
      CREATE_API_KEY,
      { input: { storefrontId: 'nope', kind: 'SECRET', mode: 'LIVE' } },
      api.operatorKey,
    );
    expect(unknown.body.data?.createApiKey.userErrors[0]?.code).toBe('NOT_FOUND');
  });
});

describe('test and live keys', () => {
  it("never read or act on each other's guarantees, packages and claims", async () => {
    const shop = await api.createStorefront();
    const live = await goLive(shop);
    // Bought a month ago, shipped, then reported lost yesterday: a loss claim may be filed.
    const shipped = new Date(Date.now() - 31 * DAY);
    const testPkg = await api.at(new Date(shipped.getTime() - DAY), () =>
      guaranteedPackage(api, shop, { memberId: 'M-MODE' }),
    );
    const livePkg = await guaranteedPackage(api, live, { memberId: 'M-MODE' });
    const testSession = await memberSession(api, shop, 'M-MODE');
    const liveSession = await memberSession(api, live, 'M-MODE');
    await recordEvent(api, shop, testPkg.trackingNumber, 'SHIPPED', shipped);
    await recordEvent(api, shop, testPkg.trackingNumber, 'LOST', new Date(Date.now() - DAY));
    const testClaim = await api.gql<{ fileClaim: { claim: { id: string } | null } }>(
      FILE_CLAIM,
      { input: { trackingNumber: testPkg.trackingNumber, type: 'LOSS', description: 'gone' } },
      testSession,
    );
    const testClaimId = testClaim.body.data?.fileClaim.claim?.id;
    expect(testClaimId).toBeDefined();

    for (const [side, other, otherPkg, session] of [
      [live, shop, testPkg, liveSession],
      [shop, live, livePkg, testSession],
    ] as const) {
      for (const credential of [side.secretKey, session]) {
        const byOrder = await api.gql<{ guaranteeByOrderNumber: unknown }>(
          BY_ORDER,
          { order: otherPkg.orderNumber },
          credential,
        );
        expect(byOrder.body.data?.guaranteeByOrderNumber).toBeNull();
        const byId = await api.gql<{ guarantee: unknown }>(
          'query($id: ID!) { guarantee(id: $id) { id } }',
          { id: otherPkg.guarantee.id },
          credential,
        );
        expect(byId.body.data?.guarantee).toBeNull();
      }
      const cancel = await api.gql<{ cancelGuarantee: { userErrors: { code: string }[] } }>(
        CANCEL,
        { input: { guaranteeId: otherPkg.guarantee.id } },
        side.secretKey,
      );
      expect(cancel.body.data?.cancelGuarantee.userErrors[0]?.code).toBe('NOT_FOUND');
      const register = await api.gql<{ registerPackage: { userErrors: { code: string }[] } }>(
        REGISTER_PACKAGE,
        {
          input: {
            orderNumber: otherPkg.orderNumber,
            trackingNumber: nextTrackingNumber(),
            declaredValue: { amount: '10.00', currencyCode: 'USD' },
            salePrice: { amount: '10.00', currencyCode: 'USD' },
            shippingFee: { amount: '1.00', currencyCode: 'USD' },
          },
        },
        side.secretKey,
      );
      expect(register.body.data?.registerPackage.userErrors[0]?.code).toBe('NOT_COVERED');
      // A quote of the other mode buys nothing here.
      const crossed = await api.gql<PurchasePayload>(
        PURCHASE,
        {
          input: {
            quoteToken: await quoteToken(api, other),
            orderNumber: `X-${otherPkg.orderNumber}`,
            memberId: 'M-MODE',
            memberEmail: 'm@example.com',
            productValue: { amount: '120.00', currencyCode: 'USD' },
          },
        },
        side.secretKey,
      );
      expect(crossed.body.data?.purchaseGuarantee.userErrors[0]?.code).toBe('QUOTE_INVALID');
    }

    // The live side lists no test claim; the test side sees its own.
    const liveClaims = await api.gql<{ claims: { edges: unknown[] } }>(CLAIMS, {}, live.secretKey);
    expect(liveClaims.body.data?.claims.edges).toEqual([]);
    const liveRead = await api.gql<{ claim: unknown }>(
      'query($id: ID!) { claim(id: $id) { id } }',
      { id: testClaimId },
      live.secretKey,
    );
    expect(liveRead.body.data?.claim).toBeNull();
    const testClaims = await api.gql<{ claims: { edges: { node: { id: string } }[] } }>(
      CLAIMS,
      {},
      shop.secretKey,
    );
    expect(testClaims.body.data?.claims.edges.map((edge) => edge.node.id)).toEqual([testClaimId]);
  });

  it('keep separate order numbers: a live order may reuse a number used in test', async () => {
    const shop = await api.createStorefront();
    const live = await goLive(shop);
    const { guarantee: testGuarantee } = await purchase(api, shop, { orderNumber: 'SO-SAME-1' });
    const { guarantee: liveGuarantee, result } = await purchase(api, live, {
      orderNumber: 'SO-SAME-1',
    });
    expect(result.body.data?.purchaseGuarantee.userErrors).toEqual([]);
    expect(liveGuarantee?.id).not.toBe(testGuarantee?.id);
  });
});
