// GraphQL documents and flows for storefront keys (graphql/schema/api-key.ts).
import type { TestApi, TestStorefront } from './harness.js';
import type { UserErrors } from './operations.js';

export const CREATE_API_KEY = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) {
  apiKey { id kind mode hint } key storefront { id mode name allowedOrigins }
  userErrors { field message code } } }`;

export const ROLL_API_KEY = `mutation($input: RollApiKeyInput!) { rollApiKey(input: $input) {
  apiKey { id kind mode hint expiresAt } key previousApiKey { id expiresAt revokedAt }
  userErrors { field message code } } }`;

const STOREFRONT_KEYS = `query($id: ID!) { node(id: $id) { ... on Storefront {
  id mode apiKeys { id kind mode hint expiresAt revokedAt } } } }`;

export interface ApiKeyView {
  id: string;
  kind: 'PUBLISHABLE' | 'SECRET';
  mode: 'TEST' | 'LIVE';
  hint: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

export type CreateApiKeyResult = {
  createApiKey: {
    apiKey: { id: string; kind: string; mode: string; hint: string } | null;
    key: string | null;
    storefront: { id: string; mode: string; name: string; allowedOrigins: string[] } | null;
    userErrors: UserErrors;
  };
};

export type RollApiKeyResult = {
  rollApiKey: {
    apiKey: { id: string; kind: string; mode: string; hint: string; expiresAt: null } | null;
    key: string | null;
    previousApiKey: { id: string; expiresAt: string | null; revokedAt: string | null } | null;
    userErrors: UserErrors;
  };
};

/** The storefront's keys as a caller that may see them lists them. */
export async function storefrontKeys(
  api: TestApi,
  storefrontId: string,
  credential: string,
): Promise<ApiKeyView[]> {
  const result = await api.gql<{ node: { apiKeys: ApiKeyView[] } | null }>(
    STOREFRONT_KEYS,
    { id: storefrontId },
    credential,
  );
  const keys = result.body.data?.node?.apiKeys;
  if (!keys) throw new Error(`listing keys failed: ${JSON.stringify(result.body)}`);
  return keys;
}

/** The id of the storefront's key whose hint `key` starts like. */
export async function keyIdOf(api: TestApi, shop: TestStorefront, key: string): Promise<string> {
  const keys = await storefrontKeys(api, shop.id, api.operatorKey);
  const found = keys.find((candidate) => key.startsWith(candidate.hint.replace('…', '')));
  if (!found) throw new Error('no such key on the storefront');
  return found.id;
}

/** An operator's createApiKey, failing the test when refused. */
export async function createKey(
  api: TestApi,
  storefrontId: string,
  kind: 'PUBLISHABLE' | 'SECRET',
  mode: 'TEST' | 'LIVE',
): Promise<{ key: string; storefrontId: string; apiKeyId: string }> {
  const result = await api.gql<CreateApiKeyResult>(
    CREATE_API_KEY,
    { input: { storefrontId, kind, mode } },
    api.operatorKey,
  );
  const created = result.body.data?.createApiKey;
  if (!created?.key || !created.storefront || !created.apiKey)
    throw new Error(`createApiKey failed: ${JSON.stringify(result.body)}`);
  return {
    key: api.secret(created.key),
    storefrontId: created.storefront.id,
    apiKeyId: created.apiKey.id,
  };
}
