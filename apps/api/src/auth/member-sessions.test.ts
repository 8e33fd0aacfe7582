// Member sessions: nothing personal in the token, and no life beyond the key that vouched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../test-support/eventually.js';
import { startTwoInstances, type TestInstances } from '../test-support/instances.js';
import { memberSession, purchase } from '../test-support/operations.js';
import { revokeApiKey } from './key-revocation.js';

const MY_GUARANTEE = '{ guaranteeByOrderNumber(orderNumber: "SO-MS-1") { orderNumber } }';

let instances: TestInstances;
beforeAll(async () => {
  instances = await startTwoInstances();
});
afterAll(() => instances.close());

describe('member sessions', () => {
  it("carry no personal data: the token reads as an id and an expiry, not the member's email", async () => {
    const { a } = instances;
    const shop = await a.createStorefront();
    const token = await memberSession(a, shop, 'Alice.Member');
    const [, body] = token.split('.');
    const payload = JSON.parse(Buffer.from(body ?? '', 'base64url').toString('utf8'));
    expect(Object.keys(payload).sort()).toEqual(['exp', 'sid']);
    expect(JSON.stringify(payload).toLowerCase()).not.toContain('alice');
    expect(JSON.stringify(payload)).not.toContain(shop.id);
  });

  it('end on every instance at once when the secret key that created them is revoked', async () => {
    const { a, b } = instances;
    const shop = await a.createStorefront();
    const other = await a.createStorefront();
    await purchase(a, shop, { orderNumber: 'SO-MS-1', memberId: 'M-MS' });
    const session = await memberSession(a, shop, 'M-MS');
    const otherSession = await memberSession(a, other, 'M-MS');
    // Both instances have the session and its key cached.
    for (const api of [a, b]) {
      const read = await api.gql<{ guaranteeByOrderNumber: unknown }>(MY_GUARANTEE, {}, session);
      expect(read.body.data?.guaranteeByOrderNumber).toEqual({ orderNumber: 'SO-MS-1' });
    }

    // As `pnpm lg key revoke` does, beside both instances.
    expect(await revokeApiKey(a.server.app.db, shop.secretKey, new Date())).not.toBeNull();

    for (const api of [a, b]) {
      expect(
        await eventually(async () => (await api.gql(MY_GUARANTEE, {}, session)).status === 401),
      ).toBe(true);
      const refused = await api.gql(MY_GUARANTEE, {}, session);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      // Another storefront's sessions go on.
      expect((await api.gql(MY_GUARANTEE, {}, otherSession)).status).toBe(200);
    }
  });
});
