// rollApiKey on two instances: the new key at once, the old one through the overlap, then
// refused everywhere; sessions the old secret key created end with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeApiKey } from '../../auth/key-revocation.js';
import { eventually } from '../../test-support/eventually.js';
import type { TestApi, TestStorefront } from '../../test-support/harness.js';
import { startTwoInstances, type TestInstances } from '../../test-support/instances.js';
import { keyIdOf, ROLL_API_KEY, type RollApiKeyResult } from '../../test-support/keys.js';
import { memberSession } from '../../test-support/operations.js';

const HOUR = 60 * 60 * 1000;
const ORDERS = '{ claims(first: 1) { edges { node { id } } } }';

let instances: TestInstances;
beforeAll(async () => {
  instances = await startTwoInstances();
});
afterAll(() => instances.close());

async function roll(api: TestApi, credential: string, input: Record<string, unknown>) {
  const result = await api.gql<RollApiKeyResult>(ROLL_API_KEY, { input }, credential);
  const payload = result.body.data?.rollApiKey;
  if (!payload) throw new Error(`rollApiKey failed: ${JSON.stringify(result.body)}`);
  if (payload.key) api.secret(payload.key);
  return payload;
}

/** Both instances' clocks at `time`. */
function setClocks(time: Date) {
  instances.a.clock.now = time;
  instances.b.clock.now = time;
}

describe('rollApiKey', () => {
  it('keeps the old key working through the overlap, then refuses it on every instance', async () => {
    const { a, b } = instances;
    const start = new Date();
    setClocks(start);
    const shop = await a.createStorefront();
    const session = await memberSession(a, shop, 'M-ROLL');
    for (const api of [a, b]) expect((await api.gql(ORDERS, {}, shop.secretKey)).status).toBe(200);

    // The storefront rolls its own secret key with its secret key, on instance a.
    const rolled = await roll(a, shop.secretKey, {
      apiKeyId: await keyIdOf(a, shop, shop.secretKey),
      expiresInHours: 2,
    });
    expect(rolled.userErrors).toEqual([]);
    expect(rolled.key).toMatch(/^sk_test_/);
    expect(rolled.apiKey).toMatchObject({ kind: 'SECRET', mode: 'TEST', expiresAt: null });
    expect(Date.parse(rolled.previousApiKey?.expiresAt ?? '')).toBe(start.getTime() + 2 * HOUR);
    const fresh = rolled.key as string;

    for (const api of [a, b]) {
      expect((await api.gql(ORDERS, {}, fresh)).status).toBe(200);
      expect((await api.gql(ORDERS, {}, shop.secretKey)).status).toBe(200);
      expect((await api.gql(ORDERS, {}, session)).status).toBe(200);
    }

    setClocks(new Date(start.getTime() + 2 * HOUR));
    for (const api of [a, b]) {
      const old = await api.gql(ORDERS, {}, shop.secretKey);
      expect(old.status).toBe(401);
      expect(old.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      // The member session the old key vouched for ends with it.
      expect((await api.gql(ORDERS, {}, session)).status).toBe(401);
      expect((await api.gql(ORDERS, {}, fresh)).status).toBe(200);
    }
    setClocks(new Date());
  });

  it('with an overlap of 0 stops the old key at once on every instance', async () => {
    const { a, b } = instances;
    const shop = await a.createStorefront();
    for (const api of [a, b]) expect((await api.gql(ORDERS, {}, shop.secretKey)).status).toBe(200);

    const rolled = await roll(b, a.operatorKey, {
      apiKeyId: await keyIdOf(a, shop, shop.secretKey),
      expiresInHours: 0,
    });
    expect(rolled.previousApiKey?.revokedAt).not.toBeNull();
    for (const api of [a, b]) {
      expect(
        await eventually(async () => (await api.gql(ORDERS, {}, shop.secretKey)).status === 401),
      ).toBe(true);
      expect((await api.gql(ORDERS, {}, rolled.key as string)).status).toBe(200);
    }
  });

  it('rolls a publishable key into one of the same mode that quotes at once', async () => {
    const { a } = instances;
    const shop = await a.createStorefront();
    const rolled = await roll(a, shop.secretKey, {
      apiKeyId: await keyIdOf(a, shop, shop.publishableKey),
    });
    expect(rolled.key).toMatch(/^pk_test_/);
    // The default overlap is a day.
    expect(Date.parse(rolled.previousApiKey?.expiresAt ?? '')).toBeGreaterThan(
      Date.now() + 23 * HOUR,
    );
    const quote = await a.gql(
      'mutation { quoteGuarantee(input: { currencyCode: USD, lines: [{ unitPrice: "10.00", quantity: 1 }] }) { quote { id } } }',
      {},
      rolled.key as string,
    );
    expect(quote.status).toBe(200);
  });

  it("refuses another storefront's key, a rolled or revoked one, and an overlap over 7 days", async () => {
    const { a } = instances;
    const shop: TestStorefront = await a.createStorefront();
    const other = await a.createStorefront();
    const otherKey = await keyIdOf(a, other, other.secretKey);
    const own = await keyIdOf(a, shop, shop.publishableKey);

    expect((await roll(a, shop.secretKey, { apiKeyId: otherKey })).userErrors[0]?.code).toBe(
      'NOT_FOUND',
    );
    expect(
      (await roll(a, shop.secretKey, { apiKeyId: own, expiresInHours: 169 })).userErrors[0],
    ).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'expiresInHours'] });
    expect((await roll(a, shop.secretKey, { apiKeyId: own })).userErrors).toEqual([]);
    expect((await roll(a, shop.secretKey, { apiKeyId: own })).userErrors[0]?.code).toBe(
      'INVALID_TRANSITION',
    );
    expect(
      (await roll(a, a.operatorKey, { apiKeyId: otherKey, expiresInHours: 0 })).userErrors,
    ).toEqual([]);
    expect((await roll(a, a.operatorKey, { apiKeyId: otherKey })).userErrors[0]?.code).toBe(
      'INVALID_TRANSITION',
    );
    // A publishable key manages no keys.
    const refused = await a.gql(ROLL_API_KEY, { input: { apiKeyId: own } }, shop.publishableKey);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('lets a secret key roll itself and publishable keys, never another secret key', async () => {
    const { a } = instances;
    const shop = await a.createStorefront();
    const rolled = await roll(a, shop.secretKey, {
      apiKeyId: await keyIdOf(a, shop, shop.secretKey),
    });
    expect(rolled.userErrors).toEqual([]);
    // The old key, still in its overlap, may not replace or cut off the new one.
    const successor = rolled.apiKey?.id as string;
    expect(
      (await roll(a, shop.secretKey, { apiKeyId: successor, expiresInHours: 0 })).userErrors[0],
    ).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'apiKeyId'] });
  });

  it('revokes the keys rolled from a revoked key: a leaked key does not live on as its successor', async () => {
    const { a, b } = instances;
    const shop = await a.createStorefront();
    const rolled = await roll(a, shop.secretKey, {
      apiKeyId: await keyIdOf(a, shop, shop.secretKey),
    });
    const successor = rolled.key as string;
    for (const api of [a, b]) expect((await api.gql(ORDERS, {}, successor)).status).toBe(200);
    expect(await revokeApiKey(a.server.app.db, shop.secretKey, new Date())).toMatchObject({
      successors: 1,
    });
    for (const api of [a, b]) {
      expect(
        await eventually(async () => (await api.gql(ORDERS, {}, successor)).status === 401),
      ).toBe(true);
    }
  });
});
