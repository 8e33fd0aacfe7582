// The fields the adjuster console reads beyond the claim itself: who the credential is
// (`viewer`), the storefronts to filter by, a guarantee's policy version in full and its
// storefront, and a package's addresses.
import { POLICY_2026_11 } from '@lg/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi, type TestStorefront } from '../../test-support/harness.js';
import { ADDRESS, guaranteedPackage, memberSession } from '../../test-support/operations.js';

let api: TestApi;
let shop: TestStorefront;
let other: TestStorefront;

beforeAll(async () => {
  api = await startTestApi();
  shop = await api.createStorefront();
  other = await api.createStorefront();
});
afterAll(() => api.close());

describe('Query.viewer', () => {
  it('names the kind of every credential, and of none', async () => {
    const kind = async (credential: string | null) =>
      (await api.gql<{ viewer: { kind: string } }>('{ viewer { kind } }', {}, credential)).body.data
        ?.viewer.kind;
    expect(await kind(null)).toBe('ANONYMOUS');
    expect(await kind(api.operatorKey)).toBe('OPERATOR');
    expect(await kind(shop.secretKey)).toBe('SECRET');
    expect(await kind(shop.publishableKey)).toBe('PUBLISHABLE');
    expect(await kind(await memberSession(api, shop, 'M-VIEWER'))).toBe('MEMBER');
  });

  it('is UNAUTHENTICATED for an unknown key, like every operation', async () => {
    const result = await api.gql('{ viewer { kind } }', {}, 'op_not-a-real-key-000000000000');
    expect(result.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('Query.storefronts', () => {
  it('lists every storefront by name for operators', async () => {
    const result = await api.gql<{ storefronts: { id: string; name: string }[] }>(
      '{ storefronts { id name } }',
      {},
      api.operatorKey,
    );
    const ids = result.body.data?.storefronts.map((s) => s.id) ?? [];
    expect(ids).toEqual(expect.arrayContaining([shop.id, other.id]));
  });

  it("is FORBIDDEN to a storefront's secret key", async () => {
    const result = await api.gql('{ storefronts { id } }', {}, shop.secretKey);
    expect(result.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('Guarantee.policy, Guarantee.storefront and Package addresses', () => {
  const QUERY = `query($id: ID!) { node(id: $id) { ... on Guarantee {
    policyVersion storefront { id name }
    policy { version lossShippingShare damageShippingShare weightShortfallShare weightShortfallMinGrams
             damageProductCap { amount } maxCompensationPerPackage { amount } }
    packages { deliveryAddress { line1 line2 city region postalCode countryCode }
               memberCenterAddress { line1 city countryCode } }
  } } }`;

  it('gives operators the version bought in full, the storefront and both addresses', async () => {
    const pkg = await guaranteedPackage(api, shop, {
      deliveryAddress: { ...ADDRESS, line1: '7 Other Street' },
    });
    const result = await api.gql<{
      node: {
        policyVersion: string;
        storefront: { id: string } | null;
        policy: Record<string, unknown>;
        packages: { deliveryAddress: Record<string, unknown>; memberCenterAddress: unknown }[];
      };
    }>(QUERY, { id: pkg.guarantee.id }, api.operatorKey);
    const guarantee = result.body.data?.node;
    expect(guarantee?.storefront?.id).toBe(shop.id);
    expect(guarantee?.policy).toEqual({
      version: guarantee?.policyVersion,
      lossShippingShare: '1.00',
      damageShippingShare: '0.30',
      weightShortfallShare: '0.10',
      weightShortfallMinGrams: POLICY_2026_11.weightShortfallMinGrams,
      damageProductCap: { amount: '100.00' },
      maxCompensationPerPackage: { amount: '5000.00' },
    });
    expect(guarantee?.packages[0]).toEqual({
      deliveryAddress: { ...ADDRESS, line1: '7 Other Street', line2: null },
      memberCenterAddress: { line1: ADDRESS.line1, city: ADDRESS.city, countryCode: 'US' },
    });
  });

  it('shows a member their guarantee without its storefront', async () => {
    const pkg = await guaranteedPackage(api, shop, { memberId: 'M-OWN' });
    const session = await memberSession(api, shop, 'M-OWN');
    const result = await api.gql<{ node: { storefront: unknown } | null }>(
      QUERY,
      { id: pkg.guarantee.id },
      session,
    );
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data?.node?.storefront).toBeNull();
  });
});
