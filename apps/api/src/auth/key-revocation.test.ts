import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../test-support/harness.js';
import { revokeApiKey } from './key-revocation.js';

const QUOTE = `mutation { quoteGuarantee(input: { currencyCode: USD, lines: [{ unitPrice: "10.00", quantity: 1 }] }) {
  quote { id } } }`;

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

describe('revoking a key', () => {
  it('stops it on a running server at once, though the server cached its look-up for 30 s', async () => {
    const shop = await api.createStorefront();
    expect((await api.gql(QUOTE, {}, shop.publishableKey)).status).toBe(200);

    // As `pnpm lg key revoke` does, from another connection to the same database.
    expect(await revokeApiKey(api.server.app.db, shop.publishableKey, new Date())).toMatchObject({
      hint: expect.stringMatching(/^pk_test_/),
    });

    // The NOTIFY arrives after the commit; wait for it, far less than the cache's 30 s.
    const deadline = Date.now() + 10_000;
    let status = 200;
    while (status === 200 && Date.now() < deadline) {
      status = (await api.gql(QUOTE, {}, shop.publishableKey)).status;
      if (status === 200) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(status).toBe(401);
    // Another storefront's key is untouched.
    const other = await api.createStorefront();
    expect((await api.gql(QUOTE, {}, other.publishableKey)).status).toBe(200);
  });

  it('answers null for a key that does not exist', async () => {
    expect(await revokeApiKey(api.server.app.db, 'pk_test_nosuchkey000000000000', new Date())).toBe(
      null,
    );
  });
});
