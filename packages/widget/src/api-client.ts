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

/** The fields of a quote the widget shows or submits (asked for and nothing else). */
export interface Quote {
  token: string;
  fee: Money;
  expiresAt: string;
  /** The policy the quote was issued under, its amounts in the quote's currency. */
  policy: Policy;
}

/** One rejection reason of the policy (POLICY R11). */
export interface Exclusion {
  /** `EXCLUSION`: never covered (R10, R11); `CLAIM_CONDITION`: how a claim can fail (R13-R15). */
  kind: 'EXCLUSION' | 'CLAIM_CONDITION';
  title: string;
  /** The title in other languages, by BCP 47 tag (`zh-CN`). */
  translations: { locale: string; title: string }[];
}

/**
 * The fields of `Policy` the widget reads, as a quote carries them: its amounts converted
 * by the API to the quote's currency at the quote's exchange rate.
 */
export interface Policy {
  claimWindowHours: number;
  unclaimedDays: number;
  responseDays: number;
  /** The least a guarantee costs (R1). */
  minimumFee: Money;
  /** The most one package is paid across all its claims (R9). */
  maxCompensationPerPackage: Money;
  /** The product part of the damage limit (R8). */
  damageProductCap: Money;
  /** The share of the shipping fee in the damage limit, e.g. `"0.30"` (R8). */
  damageShippingShare: string;
  /** The share of the shipping fee paid back with a complete loss, e.g. `"1.00"` (R5). */
  lossShippingShare: string;
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

// Written compact: the document goes out with every quote and ships in the bundle.
const MONEY = '{amount currencyCode}';
const QUOTE = `mutation Quote($input:QuoteGuaranteeInput!){quoteGuarantee(input:$input){quote{token fee${MONEY}expiresAt policy{claimWindowHours unclaimedDays responseDays minimumFee${MONEY}maxCompensationPerPackage${MONEY}damageProductCap${MONEY}damageShippingShare lossShippingShare exclusions{kind title translations{locale title}}}}userErrors{message code}}}`;

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
  const abort = () => controller.abort();
  const timer = setTimeout(abort, TIMEOUT_MS);
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
