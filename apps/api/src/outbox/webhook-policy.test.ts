// LG_WEBHOOK_PRIVATE_NETWORKS=deny (the default): what a URL alone shows to be private
// is refused when a storefront sets it; names are checked when a delivery connects
// (webhook-sender.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../test-support/harness.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ env: { LG_WEBHOOK_PRIVATE_NETWORKS: 'deny' } });
});
afterAll(() => api.close());

const CREATE = `mutation($input: CreateStorefrontInput!) { createStorefront(input: $input) {
  storefront { id } userErrors { code field message } } }`;
const UPDATE = `mutation($input: UpdateStorefrontInput!) { updateStorefront(input: $input) {
  storefront { webhookUrl } userErrors { code field message } } }`;

type Errors = { userErrors: { code: string; field: string[]; message: string }[] };

describe('webhook URLs on private networks, when denied', () => {
  it.each([
    'http://127.0.0.1:8080/hook',
    'http://localhost:3000/hook',
    'http://api.localhost/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://10.0.0.5/hook',
    'http://[::1]/hook',
    'http://0x7f.1/hook',
  ])('refuses %s when a storefront is created or updated', async (webhookUrl) => {
    const created = await api.gql<{ createStorefront: Errors }>(
      CREATE,
      { input: { name: 'Shop', allowedOrigins: [], webhookUrl } },
      api.operatorKey,
    );
    expect(created.body.data?.createStorefront.userErrors).toEqual([
      {
        code: 'INVALID_INPUT',
        field: ['input', 'webhookUrl'],
        message: 'webhookUrl must point to a public address',
      },
    ]);
    const shop = await api.createStorefront();
    const updated = await api.gql<{ updateStorefront: Errors }>(
      UPDATE,
      { input: { webhookUrl } },
      shop.secretKey,
    );
    expect(updated.body.data?.updateStorefront.userErrors[0]?.code).toBe('INVALID_INPUT');
  });

  it('accepts a public URL', async () => {
    const shop = await api.createStorefront();
    const updated = await api.gql<{ updateStorefront: { storefront: { webhookUrl: string } } }>(
      UPDATE,
      { input: { webhookUrl: 'https://hooks.example.com/lg' } },
      shop.secretKey,
    );
    expect(updated.body.data?.updateStorefront.storefront.webhookUrl).toBe(
      'https://hooks.example.com/lg',
    );
  });
});
