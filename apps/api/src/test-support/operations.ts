// GraphQL documents and small flows the API tests share.
import type { TestApi, TestStorefront } from './harness.js';

export const QUOTE_TOKEN = `mutation($input: QuoteGuaranteeInput!) {
  quoteGuarantee(input: $input) { quote { token fee { amount } } userErrors { code message field } } }`;

export const PURCHASE = `mutation($input: PurchaseGuaranteeInput!) { purchaseGuarantee(input: $input) {
  guarantee { id orderNumber memberId status policyVersion fee { amount currencyCode }
              productValue { amount } purchasedAt cancelledAt }
  userErrors { field message code } } }`;

export const CANCEL = `mutation($input: CancelGuaranteeInput!) { cancelGuarantee(input: $input) {
  guarantee { id status cancelledAt } userErrors { field message code } } }`;

export interface PurchasedGuarantee {
  id: string;
  orderNumber: string;
  memberId: string;
  status: string;
  policyVersion: string;
  fee: { amount: string; currencyCode: string };
  productValue: { amount: string };
}

export type PurchasePayload = {
  purchaseGuarantee: {
    guarantee: PurchasedGuarantee | null;
    userErrors: { field: string[] | null; message: string; code: string }[];
  };
};

export async function quoteToken(
  api: TestApi,
  shop: TestStorefront,
  value = '120.00',
): Promise<string> {
  const result = await api.gql<{ quoteGuarantee: { quote: { token: string } | null } }>(
    QUOTE_TOKEN,
    { input: { currencyCode: 'USD', lines: [{ unitPrice: value, quantity: 1 }] } },
    shop.publishableKey,
  );
  const token = result.body.data?.quoteGuarantee.quote?.token;
  if (!token) throw new Error(`quote failed: ${JSON.stringify(result.body)}`);
  return api.secret(token);
}

let orderCounter = 0;
export function nextOrderNumber(): string {
  orderCounter += 1;
  return `SO-${process.pid}-${Date.now().toString(36)}-${orderCounter}`;
}

export async function purchase(
  api: TestApi,
  shop: TestStorefront,
  overrides: Partial<{
    orderNumber: string;
    memberId: string;
    memberEmail: string;
    value: string;
    idempotencyKey: string;
  }> = {},
) {
  const token = await quoteToken(api, shop, overrides.value ?? '120.00');
  const input = {
    quoteToken: token,
    orderNumber: overrides.orderNumber ?? nextOrderNumber(),
    memberId: overrides.memberId ?? 'M1042',
    memberEmail: api.secret(overrides.memberEmail ?? 'member1042@example.com'),
    ...(overrides.idempotencyKey ? { idempotencyKey: overrides.idempotencyKey } : {}),
  };
  const result = await api.gql<PurchasePayload>(PURCHASE, { input }, shop.secretKey);
  return { input, result, guarantee: result.body.data?.purchaseGuarantee.guarantee ?? null };
}
