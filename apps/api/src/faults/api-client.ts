export interface Answer {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
    error?: { code: string; message: string };
  };
}

/** A request that reached no server: refused, or cut before any answer. */
export class NoAnswer extends Error {
  constructor(readonly code: string) {
    super(`no answer (${code})`);
  }
}

/** POSTs a GraphQL document. Throws NoAnswer when the connection fails. */
export async function gql(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  credential: string,
): Promise<Answer> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
      body: JSON.stringify({ query, variables }),
    });
    text = await response.text();
  } catch (error) {
    throw new NoAnswer(networkCode(error));
  }
  try {
    return { status: response.status, body: JSON.parse(text) as Answer['body'] };
  } catch {
    return { status: response.status, body: { error: { code: 'NOT_JSON', message: text } } };
  }
}

/** The socket-level code of a failed fetch (ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET...). */
function networkCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return 'UNKNOWN';
}

/** The codes of an answer's errors (GraphQL `errors`, or a plain HTTP refusal). */
export function errorCodes(answer: Answer): string[] {
  const codes = (answer.body.errors ?? []).map((e) => String(e.extensions?.code ?? 'NONE'));
  if (answer.body.error) codes.push(answer.body.error.code);
  return codes;
}

/** A refusal a client may retry as is: the API could not reach its database. */
export function isRetryableRefusal(answer: Answer): boolean {
  const codes = errorCodes(answer);
  return codes.length > 0 && codes.every((code) => code === 'SERVICE_UNAVAILABLE');
}

// What must never reach a client: driver and socket errors, SQL, stacks, file paths.
const INTERNALS =
  /postgres|drizzle|ECONN|CONNECTION_|terminating|administrator|socket|\bselect\b|\binsert\b|\bupdate\b|\bfrom\b|\bat .*:\d+|node_modules|\/src\/|stack/i;

/** The texts of an answer that reveal internals (empty: none). */
export function internalsIn(answer: Answer): string[] {
  const texts = [
    ...(answer.body.errors ?? []).map((e) => `${e.message} ${JSON.stringify(e.extensions)}`),
    ...(answer.body.error ? [answer.body.error.message] : []),
  ];
  return texts.filter((text) => INTERNALS.test(text));
}

export interface Shop {
  publishableKey: string;
  secretKey: string;
}

export async function createShop(url: string, operatorKey: string): Promise<Shop> {
  const answer = await gql(
    url,
    `mutation($input: CreateStorefrontInput!) { createStorefront(input: $input) {
      publishableKey secretKey userErrors { code message } } }`,
    { input: { name: 'Fault Shop', allowedOrigins: ['https://shop.example'] } },
    operatorKey,
  );
  const created = answer.body.data?.createStorefront as Shop | undefined;
  if (!created?.secretKey) throw new Error(`createStorefront: ${JSON.stringify(answer.body)}`);
  return created;
}

const QUOTE = `mutation($input: QuoteGuaranteeInput!) { quoteGuarantee(input: $input) {
  quote { token productValue { amount currencyCode } } userErrors { code message } } }`;

export const PURCHASE = `mutation($input: PurchaseGuaranteeInput!) { purchaseGuarantee(input: $input) {
  guarantee { id orderNumber } userErrors { code message field } } }`;

/** A quote for a one-line cart, and the input that buys it for `orderNumber` under `key`. */
export async function quotedPurchase(
  url: string,
  shop: Shop,
  orderNumber: string,
  idempotencyKey: string,
): Promise<Record<string, unknown>> {
  const answer = await gql(
    url,
    QUOTE,
    { input: { currencyCode: 'USD', lines: [{ unitPrice: '120.00', quantity: 1 }] } },
    shop.publishableKey,
  );
  const quote = (
    answer.body.data?.quoteGuarantee as
      | { quote: { token: string; productValue: { amount: string; currencyCode: string } } }
      | undefined
  )?.quote;
  if (!quote) throw new Error(`quoteGuarantee: ${JSON.stringify(answer.body)}`);
  return {
    quoteToken: quote.token,
    orderNumber,
    memberId: 'M-FAULT',
    memberEmail: 'member@example.com',
    idempotencyKey,
    // The order's value as a storefront's server states it: here, the cart just quoted.
    productValue: quote.productValue,
  };
}

/** The guarantee a purchase answer acknowledges, if it does. */
export function acknowledged(answer: Answer): { id: string; orderNumber: string } | null {
  const payload = answer.body.data?.purchaseGuarantee as
    | { guarantee: { id: string; orderNumber: string } | null }
    | undefined;
  return payload?.guarantee ?? null;
}
