// GraphQL documents and small flows the API tests share.
import type { TestApi, TestStorefront } from './harness.js';

const QUOTE_TOKEN = `mutation($input: QuoteGuaranteeInput!) {
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
    productValue: { amount: overrides.value ?? '120.00', currencyCode: 'USD' },
    ...(overrides.idempotencyKey ? { idempotencyKey: overrides.idempotencyKey } : {}),
  };
  const result = await api.gql<PurchasePayload>(PURCHASE, { input }, shop.secretKey);
  return { input, result, guarantee: result.body.data?.purchaseGuarantee.guarantee ?? null };
}

export const REGISTER_PACKAGE = `mutation($input: RegisterPackageInput!) { registerPackage(input: $input) {
  package { id trackingNumber status flags maxCompensation { amount } declaredValue { amount } }
  userErrors { field message code } } }`;

export const RECORD_EVENT = `mutation($input: RecordPackageEventInput!) { recordPackageEvent(input: $input) {
  package { id status flags shippedAt arrivedAt deliveredAt actualWeightGrams }
  userErrors { field message code } } }`;

export const CREATE_UPLOAD = `mutation($input: CreateDocumentUploadInput!) { createDocumentUpload(input: $input) {
  upload { documentId url expiresAt } userErrors { field message code } } }`;

export const FILE_CLAIM = `mutation($input: FileClaimInput!) { fileClaim(input: $input) {
  claim { id reference type status dueAt missingDocuments flags
          timeline { status actor note } documents { id kind } }
  evidenceNotice userErrors { field message code } } }`;

export const DECIDE = `mutation($input: DecideClaimInput!) { decideClaim(input: $input) {
  claim { id status decision { outcome payable { amount } reasonCodes breakdown { label amount { amount } rule } } }
  userErrors { field message code } } }`;

export const PAYOUT = `mutation($input: RecordClaimPayoutInput!) { recordClaimPayout(input: $input) {
  claim { id status payoutReference package { maxCompensation { amount } paidTotal { amount } } }
  userErrors { field message code } } }`;

export type UserErrors = { field: string[] | null; message: string; code: string }[];

let trackingCounter = 0;
export function nextTrackingNumber(): string {
  trackingCounter += 1;
  return `TRK${process.pid}${Date.now().toString(36).toUpperCase()}${trackingCounter}`;
}

export const ADDRESS = {
  line1: '1 Harbour Road',
  city: 'Springfield',
  region: 'IL',
  postalCode: '62701',
  countryCode: 'US',
};

/** A guaranteed order with one registered package. */
export async function guaranteedPackage(
  api: TestApi,
  shop: TestStorefront,
  options: {
    memberId?: string;
    memberEmail?: string;
    declaredValue?: string;
    salePrice?: string;
    shippingFee?: string;
    estimatedWeightGrams?: number;
    deliveryAddress?: typeof ADDRESS;
  } = {},
) {
  const memberId = options.memberId ?? 'M1042';
  // The order is worth at least what its one package sells for (PACKAGE_VALUE_EXCEEDS_ORDER).
  const salePrice = options.salePrice ?? '110.00';
  const value = Number(salePrice) > 120 ? salePrice : '120.00';
  const { guarantee, input } = await purchase(api, shop, {
    memberId,
    value,
    ...(options.memberEmail ? { memberEmail: options.memberEmail } : {}),
  });
  if (!guarantee) throw new Error('purchase failed');
  const trackingNumber = nextTrackingNumber();
  const result = await api.gql<{
    registerPackage: { package: { id: string } | null; userErrors: UserErrors };
  }>(
    REGISTER_PACKAGE,
    {
      input: {
        orderNumber: input.orderNumber,
        trackingNumber,
        declaredValue: { amount: options.declaredValue ?? '120.00', currencyCode: 'USD' },
        salePrice: { amount: salePrice, currencyCode: 'USD' },
        shippingFee: { amount: options.shippingFee ?? '20.00', currencyCode: 'USD' },
        estimatedWeightGrams: options.estimatedWeightGrams ?? 1000,
        deliveryAddress: options.deliveryAddress ?? ADDRESS,
        memberCenterAddress: ADDRESS,
      },
    },
    shop.secretKey,
  );
  const pkg = result.body.data?.registerPackage.package;
  if (!pkg) throw new Error(`registerPackage failed: ${JSON.stringify(result.body)}`);
  return { guarantee, orderNumber: input.orderNumber, memberId, trackingNumber, packageId: pkg.id };
}

export async function recordEvent(
  api: TestApi,
  shop: TestStorefront,
  trackingNumber: string,
  type: string,
  occurredAt: Date,
  extra: { signedBy?: string; actualWeightGrams?: number } = {},
) {
  const result = await api.gql<{
    recordPackageEvent: {
      package: { status: string; flags: string[] } | null;
      userErrors: UserErrors;
    };
  }>(
    RECORD_EVENT,
    { input: { trackingNumber, type, occurredAt: occurredAt.toISOString(), ...extra } },
    shop.secretKey,
  );
  return result.body.data?.recordPackageEvent;
}

const MAGIC: Record<string, Buffer> = {
  'application/pdf': Buffer.from('%PDF-1.7\n% evidence\n'),
  'image/png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  'image/jpeg': Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]),
  'message/rfc822': Buffer.from(
    'From: shop@example.com\r\nSubject: Your order SO-1\r\n\r\nThanks for your order.\r\n',
  ),
};

/** Bytes that really are of the content type. */
export function sampleFile(contentType: string): Buffer {
  const bytes = MAGIC[contentType];
  if (!bytes) throw new Error(`no sample for ${contentType}`);
  return bytes;
}

/**
 * Creates an upload and PUTs real bytes (a sample of the content type unless `body` is
 * given); returns the document's global id.
 */
export async function uploadDocument(
  api: TestApi,
  credential: string,
  kind: string,
  contentType = kind === 'ORDER_NOTIFICATION_EMAIL'
    ? 'message/rfc822'
    : kind.endsWith('PHOTO')
      ? 'image/jpeg'
      : 'application/pdf',
  body: Buffer = sampleFile(contentType),
): Promise<string> {
  const created = await api.gql<{
    createDocumentUpload: {
      upload: { documentId: string; url: string } | null;
      userErrors: UserErrors;
    };
  }>(
    CREATE_UPLOAD,
    { input: { kind, fileName: `${kind.toLowerCase()}.bin`, contentType, byteSize: body.length } },
    credential,
  );
  const upload = created.body.data?.createDocumentUpload.upload;
  if (!upload) throw new Error(`createDocumentUpload failed: ${JSON.stringify(created.body)}`);
  const put = await fetch(`${api.url}${upload.url}`, {
    method: 'PUT',
    headers: { 'content-type': contentType },
    body,
  });
  if (put.status !== 201) throw new Error(`upload PUT failed: ${put.status} ${await put.text()}`);
  return upload.documentId;
}

export async function memberSession(
  api: TestApi,
  shop: TestStorefront,
  memberId: string,
): Promise<string> {
  const result = await api.gql<{ createMemberSession: { token: string | null } }>(
    'mutation($input: CreateMemberSessionInput!) { createMemberSession(input: $input) { token userErrors { code } } }',
    { input: { memberId, email: `${memberId.toLowerCase()}@example.com` } },
    shop.secretKey,
  );
  const token = result.body.data?.createMemberSession.token;
  if (!token) throw new Error(`createMemberSession failed: ${JSON.stringify(result.body)}`);
  api.secret(`${memberId.toLowerCase()}@example.com`);
  return api.secret(token);
}

export const ALL_DOCUMENTS = [
  'PROOF_OF_PURCHASE',
  'ORDER_NOTIFICATION_EMAIL',
  'PACKAGING_PHOTO',
  'CONTENTS_PHOTO',
];
