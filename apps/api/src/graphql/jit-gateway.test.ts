import { type ExecutionResult, execute, type GraphQLError, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../auth/viewer.js';
import { startTestApi, type TestApi, type TestStorefront } from '../test-support/harness.js';
import {
  ALL_DOCUMENTS,
  FILE_CLAIM,
  guaranteedPackage,
  memberSession,
  recordEvent,
  uploadDocument,
} from '../test-support/operations.js';
import { createContext } from './context.js';
import { JitExecutor } from './jit-gateway.js';
import { schema } from './schema/index.js';

let api: TestApi;
let shop: TestStorefront;
let viewers: Record<'anonymous' | 'publishable' | 'secret' | 'operator' | 'member', Viewer>;
let claimId: string;

beforeAll(async () => {
  api = await startTestApi();
  shop = await api.createStorefront();
  const pkg = await guaranteedPackage(api, shop, { memberId: 'M7' });
  await recordEvent(api, shop, pkg.trackingNumber, 'DELIVERED', api.clock.now, { signedBy: 'X' });
  const session = await memberSession(api, shop, 'M7');
  const documentIds = await Promise.all(
    ALL_DOCUMENTS.map((kind) => uploadDocument(api, session, kind)),
  );
  const filed = await api.gql<{ fileClaim: { claim: { id: string } } }>(
    FILE_CLAIM,
    {
      input: { trackingNumber: pkg.trackingNumber, type: 'DAMAGE', description: 'x', documentIds },
    },
    session,
  );
  claimId = filed.body.data?.fileClaim.claim.id ?? '';
  const { authenticator } = api.server.app;
  const viewerOf = async (credential: string) => {
    const auth = await authenticator.authenticate(`Bearer ${credential}`, undefined, new Date());
    if (!auth.ok) throw new Error(auth.failure.message);
    return auth.viewer;
  };
  viewers = {
    anonymous: { kind: 'anonymous' },
    publishable: await viewerOf(shop.publishableKey),
    secret: await viewerOf(shop.secretKey),
    operator: await viewerOf(api.operatorKey),
    member: await viewerOf(session),
  };
});
afterAll(() => api.close());

/** What a client sees of a result: data and the errors' message, path, locations and code. */
function visible(result: ExecutionResult) {
  return {
    data: result.data,
    errors: result.errors?.map((error: GraphQLError) => ({
      message: error.message,
      path: error.path,
      locations: error.locations,
      extensions: error.extensions,
    })),
  };
}

/** Random parts of a quote (its id and signed token) differ between any two runs. */
function withoutRandom(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value)
      .replace(/"id":"qt_[^"]+"/g, '"id":"qt_"')
      .replace(/"token":"q\.[^"]+"/g, '"token":"q."'),
  );
}

const QUOTE = `mutation Quote($input: QuoteGuaranteeInput!) { quoteGuarantee(input: $input) {
  quote { id token productValue { amount currencyCode } fee { amount currencyCode } feeRate
          minimumFeeApplied policyVersion expiresAt maxCompensationPerPackage { amount } }
  userErrors { field message code } } }`;

const CLAIMS = `query($first: Int!, $after: String) { claims(first: $first, after: $after) {
  edges { cursor node { id reference type status dueAt overdue flags missingDocuments
    package { id trackingNumber status maxCompensation { amount } }
    guarantee { id orderNumber fee { amount } }
    documents { id kind } timeline { status actor } decision { outcome } } }
  pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;

const cases: [string, keyof typeof viewers, string, Record<string, unknown>?][] = [
  [
    'a quote',
    'publishable',
    QUOTE,
    { input: { currencyCode: 'USD', lines: [{ unitPrice: '120.00', quantity: 2 }] } },
  ],
  ['a quote with user errors', 'publishable', QUOTE, { input: { currencyCode: 'EUR', lines: [] } }],
  [
    'a quote refused for lack of a credential',
    'anonymous',
    QUOTE,
    { input: { currencyCode: 'USD', lines: [{ unitPrice: '1.00', quantity: 1 }] } },
  ],
  [
    'a quote refused to a member',
    'member',
    QUOTE,
    { input: { currencyCode: 'USD', lines: [{ unitPrice: '1.00', quantity: 1 }] } },
  ],
  [
    'variables of the wrong type',
    'publishable',
    QUOTE,
    { input: { currencyCode: 'USD', lines: [{ unitPrice: '1.00', quantity: 'one' }] } },
  ],
  ['a missing required variable', 'publishable', QUOTE, {}],
  ['the policy', 'anonymous', '{ policy { version feeRate minimumFee { amount } } }'],
  ['the operator claims listing', 'operator', CLAIMS, { first: 10 }],
  ['the storefront claims listing', 'secret', CLAIMS, { first: 1 }],
  ['the member claims listing', 'member', CLAIMS, { first: 5 }],
  ['a forged cursor', 'secret', CLAIMS, { first: 5, after: 'nope' }],
  ['first out of range', 'secret', CLAIMS, { first: 0 }],
  ['claims refused to a publishable key', 'publishable', CLAIMS, { first: 5 }],
  [
    'a node by id with fragments and aliases',
    'secret',
    `query($id: ID!) { a: node(id: $id) { __typename id ... on Claim { status reference } }
      b: node(id: "bm90aGluZw") { id } }`,
  ],
  [
    'introspection',
    'anonymous',
    '{ __schema { queryType { name } types { name kind } } __typename }',
  ],
  ['an unknown operation name', 'anonymous', 'query A { __typename } query B { __typename }'],
];

describe('graphql-jit executor', () => {
  it.each(cases)('gives what graphql-js gives for %s', async (name, who, query, variables) => {
    const resolved =
      query.includes('$id') && variables === undefined
        ? { id: claimId, ...(variables ?? {}) }
        : variables;
    const document = parse(query);
    const operationName = query.startsWith('query A') ? 'C' : undefined;
    const run = (useJit: boolean) => {
      const contextValue = createContext(api.server.app, viewers[who], 'jit-test');
      return useJit
        ? new JitExecutor(schema).execute('key', document, operationName, resolved, contextValue)
        : execute({
            schema,
            document,
            operationName,
            variableValues: resolved ?? null,
            contextValue,
          });
    };
    const jit = visible(await run(true));
    const reference = visible(await run(false));
    expect(withoutRandom(jit)).toEqual(withoutRandom(reference));
    if (name.includes('listing') && who !== 'publishable') {
      expect(JSON.stringify(jit.data)).toContain('"edges":[{"cursor"');
    }
  });

  it('reuses one compiled operation per document and operation name', async () => {
    const jit = new JitExecutor(schema);
    const document = parse('{ policy { version } }');
    const contextValue = createContext(api.server.app, viewers.anonymous, 'jit-test');
    const first = await jit.execute('k', document, undefined, undefined, contextValue);
    const second = await jit.execute('k', document, undefined, undefined, contextValue);
    expect(second).toEqual(first);
    expect(first.data).toEqual({ policy: { version: '2026-11' } });
  });
});
