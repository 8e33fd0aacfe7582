/** An amount of money as the API returns it: a decimal string and an ISO 4217 code. */
export interface Money {
  amount: string;
  currencyCode: string;
}

/** One cart line, shaped like the API's `CartLineInput`. */
export interface CartLine {
  sku?: string;
  title?: string;
  /** Decimal string, e.g. `"12.34"`. */
  unitPrice: string;
  quantity: number;
}

/** The fields of `Quote` the widget reads. */
/** The fields of a quote the widget shows or submits (asked for and nothing else). */
export interface Quote {
  token: string;
  fee: Money;
  expiresAt: string;
  maxCompensationPerPackage: Money;
}

/** One rejection reason of the policy (POLICY R11). */
export interface Exclusion {
  /** `EXCLUSION`: never covered (R10, R11); `CLAIM_CONDITION`: how a claim can fail (R13-R15). */
  kind: 'EXCLUSION' | 'CLAIM_CONDITION';
  title: string;
  /** The title in other languages, by BCP 47 tag (`zh-CN`). */
  translations: { locale: string; title: string }[];
}

/** The fields of `Policy` the widget reads. */
export interface Policy {
  claimWindowHours: number;
  unclaimedDays: number;
  responseDays: number;
  exclusions: Exclusion[];
}

/**
 * A failure the widget reports in its `logistics-guarantee-error` event. `code` is the
 * GraphQL `extensions.code` (`FORBIDDEN`, `UNAUTHENTICATED`, ...), a `UserErrorCode`
 * (`UNSUPPORTED_CURRENCY`, ...), `HTTP_<status>`, `NETWORK_ERROR` (unreachable, timed out,
 * or blocked by CORS) or `MISSING_PUBLISHABLE_KEY`.
 */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const QUOTE = `mutation Quote($input: QuoteGuaranteeInput!) { quoteGuarantee(input: $input) { quote { token fee { amount currencyCode } expiresAt maxCompensationPerPackage { amount currencyCode } } userErrors { message code } } }`;
const POLICY = `query Policy { policy { claimWindowHours unclaimedDays responseDays exclusions { kind title translations { locale title } } } }`;

/** A request that has not answered after this long counts as unreachable. */
const TIMEOUT_MS = 8_000;

/** A GraphQL response body. */
interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * POSTs one GraphQL operation with `key` as the bearer credential (a publishable key, or a
 * member session for the member center). The first GraphQL error, a non-2xx answer or no
 * answer at all is thrown as an `ApiError`.
 */
export async function post<T>(
  url: string,
  key: string,
  query: string,
  variables: object,
  signal?: AbortSignal,
): Promise<T> {
  // Our own controller adds a timeout to the caller's cancellation.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  const abort = () => controller.abort();
  signal?.addEventListener('abort', abort);
  let res: Response;
  let body: GraphQLBody<T> | undefined;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        authorization: `Bearer ${key}`,
      },
      body: JSON.stringify({ query, variables }),
      signal: controller.signal,
    });
    body = await res.json().catch(() => undefined);
  } catch (error) {
    if (signal?.aborted) throw error;
    // A CORS refusal is indistinguishable from an unreachable server in the browser.
    throw new ApiError('NETWORK_ERROR', 'The guarantee service could not be reached.');
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', abort);
  }
  const error = body?.errors?.[0];
  if (error) throw new ApiError(error.extensions?.code ?? 'GRAPHQL_ERROR', error.message);
  if (!res.ok || !body?.data) {
    throw new ApiError(`HTTP_${res.status}`, `The guarantee service answered ${res.status}.`);
  }
  return body.data;
}

/** What the shopper is shown: the purchase keeps it as their consent record. */
export interface Presentation {
  locale?: string | undefined;
  preselected: boolean;
  surface: string;
}

/** Asks for a quote; a refusal (`userErrors`) becomes an `ApiError` with its code. */
export async function quoteGuarantee(
  url: string,
  key: string,
  input: { currencyCode: string; lines: CartLine[]; presentation?: Presentation },
  signal?: AbortSignal,
): Promise<Quote> {
  const { quoteGuarantee: payload } = await post<{
    quoteGuarantee: { quote: Quote | null; userErrors: { message: string; code: string }[] };
  }>(url, key, QUOTE, { input }, signal);
  const refusal = payload.userErrors[0];
  if (payload.quote) return payload.quote;
  throw new ApiError(refusal?.code ?? 'QUOTE_UNAVAILABLE', refusal?.message ?? 'No quote.');
}

const policies = new Map<string, Promise<Policy>>();

/**
 * The policy in force, fetched once per API URL and key and shared by every widget on the
 * page. A failure is not cached, so the next quote tries again.
 */
export function fetchPolicy(url: string, key: string): Promise<Policy> {
  const id = `${url} ${key}`;
  let policy = policies.get(id);
  if (!policy) {
    policy = post<{ policy: Policy }>(url, key, POLICY, {}).then((data) => data.policy);
    policies.set(id, policy);
    policy.catch(() => policies.delete(id));
  }
  return policy;
}
