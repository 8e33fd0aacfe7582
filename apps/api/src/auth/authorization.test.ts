// The authorization matrix of the public contract: every operation x every kind of credential.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi, type TestStorefront } from '../test-support/harness.js';
import { guaranteedPackage, memberSession } from '../test-support/operations.js';

let api: TestApi;
let shop: TestStorefront;
let otherShop: TestStorefront;
let credentials: Record<Kind, string | null>;
let guaranteeId: string;
let orderNumber: string;

type Kind = 'none' | 'pk' | 'sk' | 'member' | 'operator';
const KINDS: Kind[] = ['none', 'pk', 'sk', 'member', 'operator'];

beforeAll(async () => {
  api = await startTestApi();
  shop = await api.createStorefront();
  otherShop = await api.createStorefront();
  const pkg = await guaranteedPackage(api, shop, { memberId: 'M-AUTH' });
  guaranteeId = pkg.guarantee.id;
  orderNumber = pkg.orderNumber;
  credentials = {
    none: null,
    pk: shop.publishableKey,
    sk: shop.secretKey,
    member: await memberSession(api, shop, 'M-AUTH'),
    operator: api.operatorKey,
  };
});
afterAll(() => api.close());

const money = '{ amount: "1.00", currencyCode: USD }';
const OPERATIONS: [string, () => string, Kind[]][] = [
  ['policy', () => '{ policy { version } }', ['none', 'pk', 'sk', 'member', 'operator']],
  [
    'quoteGuarantee',
    () =>
      `mutation { quoteGuarantee(input: { currencyCode: USD, lines: [{ unitPrice: "10.00", quantity: 1 }] }) { userErrors { code } } }`,
    ['pk', 'sk'],
  ],
  [
    'purchaseGuarantee',
    () =>
      'mutation { purchaseGuarantee(input: { quoteToken: "x", orderNumber: "o", memberId: "m", memberEmail: "m@example.com", productValue: { amount: "1.00", currencyCode: USD } }) { userErrors { code } } }',
    ['sk'],
  ],
  [
    'cancelGuarantee',
    () => 'mutation { cancelGuarantee(input: { guaranteeId: "x" }) { userErrors { code } } }',
    ['sk'],
  ],
  ['guarantee', () => `{ guarantee(id: "${guaranteeId}") { id } }`, ['sk', 'member', 'operator']],
  [
    'guaranteeByOrderNumber',
    () => `{ guaranteeByOrderNumber(orderNumber: "${orderNumber}") { id } }`,
    ['sk', 'member', 'operator'],
  ],
  [
    'registerPackage',
    () =>
      `mutation { registerPackage(input: { orderNumber: "x", trackingNumber: "t", declaredValue: ${money}, salePrice: ${money}, shippingFee: ${money} }) { userErrors { code } } }`,
    ['sk'],
  ],
  [
    'recordPackageEvent',
    () =>
      'mutation { recordPackageEvent(input: { trackingNumber: "t", type: SHIPPED, occurredAt: "2026-01-01T00:00:00Z" }) { userErrors { code } } }',
    ['sk'],
  ],
  [
    'createMemberSession',
    () =>
      'mutation { createMemberSession(input: { memberId: "m", email: "m@example.com" }) { userErrors { code } } }',
    ['sk'],
  ],
  [
    'createDocumentUpload',
    () =>
      'mutation { createDocumentUpload(input: { kind: OTHER, fileName: "a.png", contentType: "image/png", byteSize: 8 }) { userErrors { code } } }',
    ['sk', 'member'],
  ],
  [
    'fileClaim',
    () =>
      'mutation { fileClaim(input: { trackingNumber: "t", type: LOSS, description: "d", memberId: "m" }) { userErrors { code } } }',
    ['sk', 'member'],
  ],
  [
    'addClaimDocuments',
    () =>
      'mutation { addClaimDocuments(input: { claimId: "x", documentIds: [] }) { userErrors { code } } }',
    ['sk', 'member'],
  ],
  ['claim', () => '{ claim(id: "x") { id } }', ['sk', 'member', 'operator']],
  ['claims', () => '{ claims(first: 5) { edges { node { id } } } }', ['sk', 'member', 'operator']],
  [
    'claimEligibility',
    () => '{ claimEligibility(trackingNumber: "t", type: LOSS) { eligible } }',
    ['sk', 'member'],
  ],
  [
    'decideClaim',
    () =>
      'mutation { decideClaim(input: { claimId: "x", outcome: REJECT }) { userErrors { code } } }',
    ['operator'],
  ],
  [
    'recordClaimPayout',
    () =>
      'mutation { recordClaimPayout(input: { claimId: "x", reference: "r" }) { userErrors { code } } }',
    ['operator'],
  ],
  [
    'createApiKey',
    () =>
      'mutation { createApiKey(input: { storefrontId: "x", kind: SECRET, mode: LIVE }) { userErrors { code } } }',
    ['operator'],
  ],
  [
    'rollApiKey',
    () => 'mutation { rollApiKey(input: { apiKeyId: "x" }) { userErrors { code } } }',
    ['sk', 'operator'],
  ],
  [
    'createStorefront',
    () =>
      'mutation { createStorefront(input: { name: "S", allowedOrigins: [] }) { userErrors { code } } }',
    ['operator'],
  ],
];

describe('authorization matrix', () => {
  for (const [name, document, allowed] of OPERATIONS) {
    for (const kind of KINDS) {
      const expected = allowed.includes(kind)
        ? 'allowed'
        : kind === 'none'
          ? 'UNAUTHENTICATED'
          : 'FORBIDDEN';
      it(`${name} with ${kind}: ${expected}`, async () => {
        const result = await api.gql(document(), {}, credentials[kind]);
        const code = result.body.errors?.[0]?.extensions?.code;
        if (expected === 'allowed') {
          expect(code).toBeUndefined();
          expect(result.body.data).toBeTruthy();
        } else {
          expect(code).toBe(expected);
          expect(JSON.stringify(result.body)).not.toMatch(/INTERNAL_SERVER_ERROR|stack/);
        }
      });
    }
  }

  it('answers an unknown key with 401 UNAUTHENTICATED on every operation, policy included', async () => {
    for (const bad of [
      'sk_test_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      'ms.e30.forged',
      'garbage',
    ]) {
      const result = await api.gql('{ policy { version } }', {}, bad);
      expect(result.status).toBe(401);
      expect(result.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(result.body.data).toBeUndefined();
    }
  });

  it('refuses an expired member session as UNAUTHENTICATED', async () => {
    const saved = api.clock.now;
    api.clock.now = new Date(saved.getTime() + 25 * 3_600_000);
    try {
      const result = await api.gql(
        '{ claims(first: 1) { edges { cursor } } }',
        {},
        credentials.member,
      );
      expect(result.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    } finally {
      api.clock.now = saved;
    }
  });
});

describe('tenant isolation', () => {
  it("reads another storefront's guarantee as null, by id, by order number and via node", async () => {
    const result = await api.gql<{
      guarantee: unknown;
      node: unknown;
      guaranteeByOrderNumber: unknown;
    }>(
      `{ guarantee(id: "${guaranteeId}") { id } node(id: "${guaranteeId}") { id } guaranteeByOrderNumber(orderNumber: "${orderNumber}") { id } }`,
      {},
      otherShop.secretKey,
    );
    expect(result.body).toEqual({
      data: { guarantee: null, node: null, guaranteeByOrderNumber: null },
    });
  });

  it("hides a member's guarantee from another member of the same storefront", async () => {
    const other = await memberSession(api, shop, 'M-SOMEONE-ELSE');
    const result = await api.gql<{ guarantee: unknown }>(
      `{ guarantee(id: "${guaranteeId}") { id } }`,
      {},
      other,
    );
    expect(result.body.data?.guarantee).toBeNull();
  });

  it('a member session of storefront A reads nothing of storefront B', async () => {
    const pkg = await guaranteedPackage(api, otherShop, { memberId: 'M-AUTH' });
    const result = await api.gql<{ guarantee: unknown }>(
      `{ guarantee(id: "${pkg.guarantee.id}") { id } }`,
      {},
      credentials.member,
    );
    expect(result.body.data?.guarantee).toBeNull();
  });
});
