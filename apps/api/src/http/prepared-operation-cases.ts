// The requests the prepared-operations test sends to both servers (prepared-operations.test.ts):
// every kind of answer the lane may give, and those it must leave to Apollo.

import { quoteToken } from '../test-support/operations.js';
import { ACCEPT_CONTENT_TYPES } from './accept-content-types.js';
import { QUERY_LIMITS } from './limits.js';
import {
  aliases,
  type Case,
  CLAIMS,
  caseEnvironment,
  deepQuery,
  directives,
  NODES,
  ORIGIN,
  policy,
  purchase,
  QUOTE,
  quote,
  TWO_OPERATIONS,
  usd,
  WIDGET_ACCEPT,
} from './prepared-operation-requests.js';

export const cases: Case[] = [
  // quotes: success and every refusal a quote can give
  {
    name: 'the widget quote',
    credential: 'pk',
    headers: { origin: ORIGIN, accept: WIDGET_ACCEPT },
    body: quote(usd('39.90', '24.50')),
    lane: true,
  },
  {
    name: 'a quote from a server (no Origin)',
    credential: 'pk',
    body: quote(usd('120.00')),
    lane: true,
  },
  {
    name: 'a quote with a secret key',
    credential: 'sk',
    headers: { origin: ORIGIN },
    body: quote(usd('1.00')),
    lane: true,
  },
  {
    name: 'quote: UNSUPPORTED_CURRENCY',
    credential: 'pk',
    body: quote({ currencyCode: 'EUR', lines: [{ unitPrice: '1.00', quantity: 1 }] }),
    lane: true,
  },
  {
    name: 'quote: no lines',
    credential: 'pk',
    body: quote({ currencyCode: 'USD', lines: [] }),
    lane: true,
  },
  {
    name: 'quote: 101 lines',
    credential: 'pk',
    body: quote(usd(...Array.from({ length: 101 }, () => '1.00'))),
    lane: true,
  },
  {
    name: 'quote: too many decimals',
    credential: 'pk',
    body: quote(usd('1.001', '2.5x')),
    lane: true,
  },
  {
    name: 'quote: negative and zero prices',
    credential: 'pk',
    body: quote(usd('-5.00', '0.00')),
    lane: true,
  },
  { name: 'quote: zero value', credential: 'pk', body: quote(usd('0.00')), lane: true },
  {
    name: 'quote: over the bound',
    credential: 'pk',
    body: quote(usd('999999999.99', '999999999.99')),
    lane: true,
  },
  {
    name: 'quote: sku too long',
    credential: 'pk',
    body: quote({
      currencyCode: 'USD',
      lines: [{ sku: 'x'.repeat(501), unitPrice: '1.00', quantity: 1 }],
    }),
    lane: true,
  },
  {
    name: 'quote: quantity 0',
    credential: 'pk',
    body: quote({ currencyCode: 'USD', lines: [{ unitPrice: '1.00', quantity: 0 }] }),
    lane: true,
  },
  // auth failures at field level
  { name: 'quote without a credential (UNAUTHENTICATED)', body: quote(usd('1.00')), lane: true },
  {
    name: 'quote by a member (FORBIDDEN)',
    credential: 'member',
    body: quote(usd('1.00')),
    lane: true,
  },
  {
    name: 'quote by an operator (FORBIDDEN)',
    credential: 'op',
    body: quote(usd('1.00')),
    lane: true,
  },
  {
    name: 'claims by a publishable key (FORBIDDEN)',
    credential: 'pk',
    body: () => ({ query: CLAIMS, variables: { first: 5 } }),
    lane: true,
  },
  // bad variables: refused before any resolver runs, handed to Apollo
  {
    name: 'quote: quantity of the wrong type',
    credential: 'pk',
    body: quote({ currencyCode: 'USD', lines: [{ unitPrice: '1.00', quantity: 'one' }] }),
    lane: false,
  },
  {
    name: 'quote: a number where a Decimal string goes',
    credential: 'pk',
    body: quote({ currencyCode: 'USD', lines: [{ unitPrice: 1, quantity: 1 }] }),
    lane: false,
  },
  {
    name: 'quote: an unknown currency code',
    credential: 'pk',
    body: quote({ currencyCode: 'XXX1', lines: [] }),
    lane: false,
  },
  { name: 'quote: no variables', credential: 'pk', body: () => ({ query: QUOTE }), lane: false },
  {
    name: 'quote: null variables',
    credential: 'pk',
    body: () => ({ query: QUOTE, variables: null, operationName: null }),
    lane: false,
  },
  // purchases
  {
    name: 'a purchase',
    credential: 'sk',
    body: purchase(() => quoteToken(caseEnvironment.api, caseEnvironment.shop)),
    lane: true,
  },
  {
    name: 'a purchase with a forged token',
    credential: 'sk',
    body: purchase(async () => 'q.forged'),
    lane: true,
  },
  {
    name: 'a purchase by a publishable key (FORBIDDEN)',
    credential: 'pk',
    body: purchase(async () => 'q.x'),
    lane: true,
  },
  // queries, variables, aliases, fragments, resolver errors
  { name: 'the policy, no credential', body: () => ({ query: policy }), lane: true },
  {
    name: 'the policy, null variables and operationName',
    body: () => ({ query: policy, variables: null, operationName: null }),
    lane: true,
  },
  {
    name: 'node with aliases and fragments',
    credential: 'sk',
    body: () => ({ query: NODES, variables: { id: caseEnvironment.guaranteeId } }),
    lane: true,
  },
  {
    name: "another tenant's node is null",
    credential: 'op',
    body: () => ({ query: NODES, variables: { id: caseEnvironment.guaranteeId } }),
    lane: true,
  },
  {
    name: 'the claims listing',
    credential: 'op',
    body: () => ({ query: CLAIMS, variables: { first: 2 }, operationName: 'Listing' }),
    lane: true,
  },
  {
    name: 'a forged cursor (resolver error)',
    credential: 'sk',
    body: () => ({ query: CLAIMS, variables: { first: 2, after: 'nope' } }),
    lane: true,
  },
  {
    name: 'first out of range',
    credential: 'sk',
    body: () => ({ query: CLAIMS, variables: { first: 0 } }),
    lane: true,
  },
  {
    name: 'a guarantee by order number',
    credential: 'sk',
    body: () => ({
      query: 'query($n: String!) { guaranteeByOrderNumber(orderNumber: $n) { id status } }',
      variables: { n: 'none' },
    }),
    lane: true,
  },
  // operation names
  {
    name: 'operation B of two',
    body: () => ({ query: TWO_OPERATIONS, operationName: 'B' }),
    lane: true,
  },
  {
    name: 'operation A of two',
    body: () => ({ query: TWO_OPERATIONS, operationName: 'A' }),
    lane: true,
  },
  {
    name: 'an unknown operation name',
    body: () => ({ query: TWO_OPERATIONS, operationName: 'C' }),
    lane: false,
  },
  { name: 'two operations, no name', body: () => ({ query: TWO_OPERATIONS }), lane: false },
  {
    name: 'an empty operation name',
    body: () => ({ query: policy, operationName: '' }),
    lane: false,
  },
  {
    name: 'a wrong name for a single operation',
    body: () => ({ query: 'query P { policy { version } }', operationName: 'Q' }),
    lane: false,
  },
  // what the lane never serves
  { name: 'extensions', body: () => ({ query: policy, extensions: {} }), lane: false },
  {
    name: 'a persisted-query extension',
    body: () => ({
      query: policy,
      extensions: { persistedQuery: { version: 1, sha256Hash: 'x' } },
    }),
    lane: false,
  },
  {
    name: 'introspection',
    body: () => ({ query: '{ __schema { queryType { name } } }' }),
    lane: false,
  },
  { name: '__type', body: () => ({ query: '{ __type(name: "Policy") { name } }' }), lane: false },
  {
    name: 'a validation error with a suggestion',
    body: () => ({ query: '{ polcy { version } }' }),
    lane: false,
  },
  { name: 'a syntax error', body: () => ({ query: '{ policy { version }' }), lane: false },
  // graphql-armor's limits: at the bound served, over it Apollo refuses
  {
    name: `${QUERY_LIMITS.maxAliases} aliases`,
    body: () => ({ query: aliases(QUERY_LIMITS.maxAliases) }),
    lane: true,
  },
  {
    name: `${QUERY_LIMITS.maxAliases + 1} aliases`,
    body: () => ({ query: aliases(QUERY_LIMITS.maxAliases + 1) }),
    lane: false,
  },
  {
    name: `${QUERY_LIMITS.maxDepth} levels`,
    credential: 'op',
    body: () => ({ query: deepQuery(QUERY_LIMITS.maxDepth) }),
    lane: true,
  },
  {
    name: `${QUERY_LIMITS.maxDepth + 1} levels`,
    credential: 'op',
    body: () => ({ query: deepQuery(QUERY_LIMITS.maxDepth + 1) }),
    lane: false,
  },
  {
    name: `${QUERY_LIMITS.maxDirectives + 1} directives`,
    body: () => ({ query: directives(QUERY_LIMITS.maxDirectives + 1) }),
    lane: false,
  },
  {
    name: 'over the cost bound',
    credential: 'op',
    body: () => ({
      query: `{ ${Array.from({ length: 20 }, (_, i) => `c${i}: claims(first: 100) { edges { node { id reference package { id } guarantee { id } } } }`).join(' ')} }`,
    }),
    lane: false,
  },
  { name: 'an empty query', body: () => ({ query: '' }), lane: false },
  { name: 'variables as an array', body: () => ({ query: policy, variables: [] }), lane: false },
  { name: 'variables as a string', body: () => ({ query: policy, variables: '{}' }), lane: false },
  {
    name: 'a numeric operationName',
    body: () => ({ query: policy, operationName: 1 }),
    lane: false,
  },
  { name: 'a batch', body: () => [{ query: policy }], lane: false },
  {
    name: 'a JSON string body',
    body: () => JSON.stringify(JSON.stringify({ query: policy })),
    lane: false,
  },
  { name: 'an empty object', body: () => ({}), lane: false },
  {
    name: 'text/plain (CSRF)',
    headers: { 'content-type': 'text/plain' },
    body: () => ({ query: policy }),
    lane: false,
  },
  {
    name: 'a +json content type',
    headers: { 'content-type': 'application/vnd.x+json' },
    body: () => ({ query: policy }),
    lane: false,
  },
  {
    name: 'application/json with charset',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: () => ({ query: policy }),
    lane: true,
  },
  {
    name: 'application/json with CHARSET=UTF-8',
    headers: { 'content-type': 'application/json;charset=UTF-8' },
    body: () => ({ query: policy }),
    lane: true,
  },
  // Accept: every value of the table, and some that are not in it
  ...[...ACCEPT_CONTENT_TYPES.keys()].map(
    (accept): Case => ({
      name: `Accept "${accept}"`,
      headers: { accept },
      body: () => ({ query: policy }),
      lane: true,
    }),
  ),
  ...[
    'text/html',
    'application/xml',
    'application/json;q=0.5, application/graphql-response+json',
    'multipart/mixed',
    'application/*',
  ].map(
    (accept): Case => ({
      name: `Accept "${accept}" (Apollo)`,
      headers: { accept },
      body: () => ({ query: policy }),
      lane: false,
    }),
  ),
  {
    name: 'Accept with a mutation Apollo refuses (406)',
    credential: 'pk',
    headers: { accept: 'text/html' },
    body: quote(usd('1.00')),
    lane: false,
  },
  {
    name: 'the widget quote to an allowed origin, JSON accept',
    credential: 'pk',
    headers: { origin: ORIGIN, accept: 'application/json' },
    body: quote(usd('10.00')),
    lane: true,
  },
];
