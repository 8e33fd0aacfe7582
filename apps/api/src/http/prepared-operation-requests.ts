// How the prepared-operations test sends a request to both servers and compares the answers,
// and the documents its cases use (prepared-operation-cases.ts).
import { expect } from 'vitest';
import type { TestApi, TestStorefront } from '../test-support/harness.js';
import { nextOrderNumber, PURCHASE } from '../test-support/operations.js';

export const ORIGIN = 'https://shop.example';
export const WIDGET_ACCEPT = 'application/graphql-response+json, application/json';

/** The widget's document (bench/quote.ts). */
export const QUOTE = `mutation Quote($input: QuoteGuaranteeInput!) { quoteGuarantee(input: $input) { quote { id token productValue { amount currencyCode } fee { amount currencyCode } feeRate minimumFeeApplied policyVersion expiresAt maxCompensationPerPackage { amount currencyCode } } userErrors { field message code } } }`;

export const CLAIMS = `query Listing($first: Int!, $after: String) { claims(first: $first, after: $after) {
  edges { cursor node { id reference status } } pageInfo { hasNextPage endCursor } } }`;

export const NODES = `query Nodes($id: ID!) { a: node(id: $id) { __typename id ...G }
  b: node(id: "bm90aGluZw") { id } policy { ...P } }
  fragment G on Guarantee { orderNumber status fee { amount } }
  fragment P on Policy { version feeRate }`;

export const TWO_OPERATIONS = `query A { policy { version } } query B { first: policy { feeRate } second: __typename }`;

/** The server, storefront, member session and guarantee the cases act with. */
export interface CaseEnvironment {
  api: TestApi;
  shop: TestStorefront;
  member: string;
  guaranteeId: string;
}

/** Set by the test once its server is up; read by the cases when they run. */
export const caseEnvironment = {} as CaseEnvironment;

export function useCaseEnvironment(env: CaseEnvironment): void {
  Object.assign(caseEnvironment, env);
}

export interface Sent {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface Case {
  name: string;
  credential?: 'pk' | 'sk' | 'op' | 'member';
  headers?: Record<string, string>;
  /** A fresh body per request (mutations must not repeat an order number). */
  body: () => Promise<unknown> | unknown;
  /** Whether the lane serves the document once it has seen it. */
  lane: boolean;
}

function credentialOf(kind: Case['credential']): Record<string, string> {
  const { api, shop, member } = caseEnvironment;
  const key = {
    pk: shop.publishableKey,
    sk: shop.secretKey,
    op: api.operatorKey,
    member,
    none: undefined,
  }[kind ?? 'none'];
  return key ? { authorization: `Bearer ${key}` } : {};
}

export async function send(url: string, c: Case, given?: unknown): Promise<Sent> {
  const body = given === undefined ? await c.body() : given;
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...credentialOf(c.credential), ...c.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = Buffer.from(await response.arrayBuffer()).toString('utf8');
  const headers: Record<string, string> = {};
  for (const [name, value] of response.headers) {
    if (name !== 'date' && name !== 'x-request-id') headers[name] = value;
  }
  expect(headers['content-length']).toBe(String(Buffer.byteLength(text)));
  delete headers['content-length'];
  return { status: response.status, headers, body: text };
}

/** Values that differ between any two requests: quote ids and tokens, order numbers. */
export function normalised(sent: Sent): Sent {
  return {
    ...sent,
    body: sent.body
      .replace(/"(id|token|orderNumber|quoteToken|cursor|endCursor)":"[^"]*"/g, '"$1":"…"')
      .replace(/qt_[A-Za-z0-9_-]+/g, 'qt_…'),
  };
}

export const aliases = (n: number) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: policy { version }`).join(' ')} }`;
export const directives = (n: number) =>
  `{ ${Array.from({ length: n }, (_, i) => `d${i}: __typename @include(if: true)`).join(' ')} }`;
/** A selection `depth` fields deep: claims > edges > node > guarantee > claims > ... > id. */
export function deepQuery(depth: number): string {
  const cycle = ['claims(first: 1)', 'edges', 'node', 'guarantee'];
  let inner = 'id';
  for (let level = depth - 1; level >= 1; level -= 1) {
    inner = `${cycle[(level - 1) % cycle.length]} { ${inner} }`;
  }
  return `{ ${inner} }`;
}

export const quote = (input: unknown) => () => ({ query: QUOTE, variables: { input } });
export const usd = (...unitPrices: string[]) => ({
  currencyCode: 'USD',
  lines: unitPrices.map((unitPrice, i) => ({ sku: `S${i}`, unitPrice, quantity: 2 })),
});
export const purchase = (token: () => Promise<string>) => async () => ({
  query: PURCHASE,
  variables: {
    input: {
      quoteToken: await token(),
      orderNumber: nextOrderNumber(),
      memberId: 'M1',
      memberEmail: 'm1@example.com',
      productValue: { amount: '120.00', currencyCode: 'USD' },
    },
  },
});
export const policy = '{ policy { version feeRate minimumFee { amount currencyCode } } }';
