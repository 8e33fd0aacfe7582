// The Accept headers the prepared-operations lane answers itself, with the content type Apollo
// would choose for each; every other value is left to Apollo.

const JSON_UTF8 = 'application/json; charset=utf-8';
const GRAPHQL_RESPONSE_UTF8 = 'application/graphql-response+json; charset=utf-8';

/**
 * Accept header → the content type Apollo 5 answers a single result with
 * (`chooseContentTypeForSingleResultResponse`: Negotiator over application/json,
 * application/graphql-response+json and the callback type, in that order). Values not listed
 * go to Apollo. Absent or empty: application/json.
 */
export const ACCEPT_CONTENT_TYPES: ReadonlyMap<string, string> = new Map([
  ['', JSON_UTF8],
  ['*/*', JSON_UTF8],
  ['application/json', JSON_UTF8],
  ['application/json; charset=utf-8', JSON_UTF8],
  ['application/json, text/plain, */*', JSON_UTF8],
  ['application/json, application/graphql-response+json', JSON_UTF8],
  ['application/graphql-response+json', GRAPHQL_RESPONSE_UTF8],
  ['application/graphql-response+json; charset=utf-8', GRAPHQL_RESPONSE_UTF8],
  // The widget's (packages/widget/src/api-client.ts).
  ['application/graphql-response+json, application/json', GRAPHQL_RESPONSE_UTF8],
  // graphql-http's client.
  ['application/graphql-response+json, application/json;q=0.9', GRAPHQL_RESPONSE_UTF8],
  ['application/graphql-response+json, application/json; q=0.9', GRAPHQL_RESPONSE_UTF8],
]);
