// updateStorefront: name and allowed origins after creation, normalised as at creation; an
// origin taken away stops working on every instance at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../test-support/eventually.js';
import { startTwoInstances, type TestInstances } from '../../test-support/instances.js';
import type { UserErrors } from '../../test-support/operations.js';

const UPDATE = `mutation($input: UpdateStorefrontInput!) { updateStorefront(input: $input) {
  storefront { id name allowedOrigins webhookUrl } userErrors { field message code } } }`;
const QUOTE = `mutation { quoteGuarantee(input: { currencyCode: USD, lines: [{ unitPrice: "10.00", quantity: 1 }] }) {
  quote { id } } }`;

type UpdateResult = {
  updateStorefront: {
    storefront: {
      id: string;
      name: string;
      allowedOrigins: string[];
      webhookUrl: string | null;
    } | null;
    userErrors: UserErrors;
  };
};

let instances: TestInstances;
beforeAll(async () => {
  instances = await startTwoInstances();
});
afterAll(() => instances.close());

describe('updateStorefront', () => {
  it('renames and replaces the allowed origins, normalised as at creation', async () => {
    const { a } = instances;
    const shop = await a.createStorefront({ webhookUrl: 'https://hooks.example/lg' });
    const updated = await a.gql<UpdateResult>(
      UPDATE,
      {
        input: {
          name: '  Corner Shop ',
          allowedOrigins: ['https://new.example/', 'https://new.example', 'http://localhost:3000'],
        },
      },
      shop.secretKey,
    );
    expect(updated.body.data?.updateStorefront).toEqual({
      storefront: {
        id: shop.id,
        name: 'Corner Shop',
        allowedOrigins: ['https://new.example', 'http://localhost:3000'],
        webhookUrl: 'https://hooks.example/lg',
      },
      userErrors: [],
    });
  });

  it('refuses an origin that is not one, and writes nothing', async () => {
    const { a } = instances;
    const shop = await a.createStorefront({ allowedOrigins: ['https://shop.example'] });
    const refused = await a.gql<UpdateResult>(
      UPDATE,
      {
        input: {
          storefrontId: shop.id,
          name: 'Renamed',
          allowedOrigins: ['https://ok.example', 'https://shop.example/checkout'],
        },
      },
      a.operatorKey,
    );
    expect(refused.body.data?.updateStorefront.userErrors).toEqual([
      {
        code: 'INVALID_INPUT',
        field: ['input', 'allowedOrigins', '1'],
        message: expect.stringContaining('is not an origin'),
      },
    ]);
    const unchanged = await a.gql<UpdateResult>(
      UPDATE,
      { input: { storefrontId: shop.id } },
      a.operatorKey,
    );
    expect(unchanged.body.data?.updateStorefront.storefront).toMatchObject({
      name: 'Test Shop',
      allowedOrigins: ['https://shop.example'],
    });
  });

  it("answers NOT_FOUND for another storefront's id given by a secret key", async () => {
    const { a } = instances;
    const shop = await a.createStorefront();
    const other = await a.createStorefront();
    const refused = await a.gql<UpdateResult>(
      UPDATE,
      { input: { storefrontId: other.id, name: 'Mine now' } },
      shop.secretKey,
    );
    expect(refused.body.data?.updateStorefront.userErrors[0]?.code).toBe('NOT_FOUND');
  });

  it('stops an origin taken away on every instance at once, and allows the new one', async () => {
    const { a, b } = instances;
    const shop = await a.createStorefront({ allowedOrigins: ['https://old.example'] });
    const from = (origin: string) => ({ origin });
    // Both instances have the key and its origins cached.
    for (const api of [a, b]) {
      expect(
        (await api.gql(QUOTE, {}, shop.publishableKey, from('https://old.example'))).status,
      ).toBe(200);
    }

    const updated = await b.gql<UpdateResult>(
      UPDATE,
      { input: { allowedOrigins: ['https://new.example'] } },
      shop.secretKey,
    );
    expect(updated.body.data?.updateStorefront.userErrors).toEqual([]);

    for (const api of [a, b]) {
      expect(
        await eventually(
          async () =>
            (await api.gql(QUOTE, {}, shop.publishableKey, from('https://old.example'))).status ===
            403,
        ),
      ).toBe(true);
      expect(
        (await api.gql(QUOTE, {}, shop.publishableKey, from('https://new.example'))).status,
      ).toBe(200);
    }
  });
});
