// @lg/client against the running API, the way partners use it: a storefront's server with its
// secret key, then a member center with a member session. The file type-checks every result
// against the generated types (pnpm typecheck) and runs every call over HTTP.
import {
  AddClaimDocumentsDocument,
  CancelGuaranteeDocument,
  ClaimEligibilityDocument,
  type ClaimStatus,
  ClaimsDocument,
  type ClaimsQuery,
  ClaimUpdatedDocument,
  type ClaimUpdatedSubscription,
  type Client,
  CreateMemberSessionDocument,
  createClient,
  type DocumentFile,
  FileClaimDocument,
  GuaranteeByOrderNumberDocument,
  PolicyDocument,
  PurchaseGuaranteeDocument,
  QuoteGuaranteeDocument,
  RecordPackageEventDocument,
  RegisterPackageDocument,
  RequestError,
  UserErrorsError,
  unwrap,
} from '@lg/client';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { claimFixtures } from './test-support/claim-fixtures.js';
import { eventually } from './test-support/eventually.js';
import { startTestApi, type TestApi, type TestStorefront } from './test-support/harness.js';
import { ADDRESS, nextOrderNumber, sampleFile } from './test-support/operations.js';

const HOUR = 3_600_000;

let api: TestApi;
let shop: TestStorefront;
let storefront: Client;
let start: Date;

beforeAll(async () => {
  api = await startTestApi();
  shop = await api.createStorefront();
  start = api.clock.now;
  storefront = createClient({ url: `${api.url}/graphql`, credential: shop.secretKey });
});
afterAll(() => api.close());

const usd = (amount: string) => ({ amount, currencyCode: 'USD' as const });

/** What a storefront's server does at checkout: a quote for the cart, then the purchase. */
async function buyGuarantee(orderNumber: string, value: string) {
  const { quoteGuarantee } = await storefront.request(QuoteGuaranteeDocument, {
    input: { currencyCode: 'USD', lines: [{ sku: 'PACK-28', unitPrice: value, quantity: 1 }] },
  });
  const quote = unwrap(quoteGuarantee, 'quote');
  const { purchaseGuarantee } = await storefront.request(PurchaseGuaranteeDocument, {
    input: {
      quoteToken: api.secret(quote.token),
      orderNumber,
      memberId: 'M1042',
      memberEmail: api.secret('m1042@example.com'),
      productValue: usd(value),
      idempotencyKey: orderNumber,
    },
  });
  return { quote, guarantee: unwrap(purchaseGuarantee, 'guarantee') };
}

function evidence(kind: DocumentFile['kind']): DocumentFile {
  const contentType =
    kind === 'ORDER_NOTIFICATION_EMAIL'
      ? 'message/rfc822'
      : kind.endsWith('PHOTO')
        ? 'image/jpeg'
        : 'application/pdf';
  return {
    kind,
    fileName: `${kind.toLowerCase()}.bin`,
    contentType,
    bytes: sampleFile(contentType),
  };
}

describe('@lg/client against the API', () => {
  it('runs a storefront flow and a member-center flow end to end, typed', async () => {
    // Storefront server: quote, purchase, two packages, carrier events.
    const orderNumber = nextOrderNumber();
    const { quote, guarantee } = await buyGuarantee(orderNumber, '120.00');
    expect(quote.fee).toEqual(usd('30.00'));
    expect(guarantee).toMatchObject({ orderNumber, status: 'ACTIVE', productValue: usd('120.00') });
    expectTypeOf(guarantee.status).toEqualTypeOf<'ACTIVE' | 'CANCELLED'>();
    expectTypeOf(guarantee.fee.amount).toEqualTypeOf<string>();

    const trackingNumbers = [`TRK-A-${orderNumber}`, `TRK-B-${orderNumber}`];
    for (const trackingNumber of trackingNumbers) {
      const { registerPackage } = await storefront.request(RegisterPackageDocument, {
        input: {
          orderNumber,
          trackingNumber,
          declaredValue: usd('60.00'),
          salePrice: usd('60.00'),
          shippingFee: usd('10.00'),
          deliveryAddress: ADDRESS,
          memberCenterAddress: ADDRESS,
        },
      });
      expect(unwrap(registerPackage, 'package').status).toBe('REGISTERED');
    }
    api.clock.now = new Date(start.getTime() + 2 * HOUR);
    for (const trackingNumber of trackingNumbers) {
      for (const [type, hoursAfterStart] of [
        ['SHIPPED', 1],
        ['DELIVERED', 2],
      ] as const) {
        const { recordPackageEvent } = await storefront.request(RecordPackageEventDocument, {
          input: {
            trackingNumber,
            type,
            occurredAt: new Date(start.getTime() + hoursAfterStart * HOUR).toISOString(),
            signedBy: type === 'DELIVERED' ? 'J. Doe' : null,
          },
        });
        expect(unwrap(recordPackageEvent, 'package').status).toBe(type);
      }
    }
    const byOrder = await storefront.request(GuaranteeByOrderNumberDocument, { orderNumber });
    expect(byOrder.guaranteeByOrderNumber?.packages.map((p) => p.trackingNumber).sort()).toEqual(
      trackingNumbers,
    );

    // The storefront vouches for its member; the member center acts with the session.
    const { createMemberSession } = await storefront.request(CreateMemberSessionDocument, {
      input: { memberId: 'M1042', email: 'm1042@example.com' },
    });
    const token = api.secret(unwrap(createMemberSession, 'token'));
    const member = createClient({ url: `${api.url}/graphql`, credential: token });

    const { claimEligibility } = await member.request(ClaimEligibilityDocument, {
      trackingNumber: trackingNumbers[0] as string,
      type: 'DAMAGE',
    });
    expect(claimEligibility).toMatchObject({ eligible: true, reasons: [] });
    expect(claimEligibility.deadline).toBe(new Date(start.getTime() + 26 * HOUR).toISOString());

    // Two documents with the claim, the other two afterwards (R13): then it is under review.
    const proof = await member.uploadDocument(evidence('PROOF_OF_PURCHASE'));
    const email = await member.uploadDocument(evidence('ORDER_NOTIFICATION_EMAIL'));
    expect(proof.byteSize).toBe(sampleFile('application/pdf').length);
    const { fileClaim } = await member.request(FileClaimDocument, {
      input: {
        trackingNumber: trackingNumbers[0] as string,
        type: 'DAMAGE',
        description: 'The frame is bent',
        documentIds: [proof.documentId, email.documentId],
      },
    });
    const claim = unwrap(fileClaim, 'claim');
    expect(claim.status).toBe('NEEDS_DOCUMENTS');
    expect(claim.missingDocuments).toEqual(['PACKAGING_PHOTO', 'CONTENTS_PHOTO']);
    expect(fileClaim.evidenceNotice).toMatch(/packaging/i);
    expectTypeOf(claim.status).toEqualTypeOf<ClaimStatus>();

    const photos = [
      await member.uploadDocument(evidence('PACKAGING_PHOTO')),
      await member.uploadDocument(evidence('CONTENTS_PHOTO')),
    ];
    const { addClaimDocuments } = await member.request(AddClaimDocumentsDocument, {
      input: { claimId: claim.id, documentIds: photos.map((p) => p.documentId) },
    });
    const complete = unwrap(addClaimDocuments, 'claim');
    expect(complete.status).toBe('UNDER_REVIEW');
    expect(complete.documents.map((d) => d.kind).sort()).toEqual([
      'CONTENTS_PHOTO',
      'ORDER_NOTIFICATION_EMAIL',
      'PACKAGING_PHOTO',
      'PROOF_OF_PURCHASE',
    ]);

    // A second claim, then the member's claims one page at a time.
    const second = await member.request(FileClaimDocument, {
      input: {
        trackingNumber: trackingNumbers[1] as string,
        type: 'DAMAGE',
        description: 'Crushed corner',
      },
    });
    const secondClaim = unwrap(second.fileClaim, 'claim');
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page += 1) {
      const { claims }: ClaimsQuery = await member.request(ClaimsDocument, { first: 1, after });
      expect(claims.edges).toHaveLength(1);
      seen.push(...claims.edges.map((edge) => edge.node.id));
      if (!claims.pageInfo.hasNextPage) break;
      after = claims.pageInfo.endCursor;
    }
    expect(seen.sort()).toEqual([claim.id, secondClaim.id].sort());
  });

  it('returns refusals as typed userErrors, which unwrap throws with their codes', async () => {
    const { quoteGuarantee } = await storefront.request(QuoteGuaranteeDocument, {
      input: { currencyCode: 'USD', lines: [{ unitPrice: '80.00', quantity: 1 }] },
    });
    const quote = unwrap(quoteGuarantee, 'quote');
    const { purchaseGuarantee } = await storefront.request(PurchaseGuaranteeDocument, {
      input: {
        quoteToken: api.secret(quote.token),
        orderNumber: nextOrderNumber(),
        memberId: 'M1042',
        memberEmail: 'm1042@example.com',
        // The page said $80.00; the shop's own total says otherwise.
        productValue: usd('95.00'),
      },
    });
    expect(purchaseGuarantee.guarantee).toBeNull();
    expect(purchaseGuarantee.userErrors.map((e) => e.code)).toEqual(['QUOTE_MISMATCH']);
    expect(() => unwrap(purchaseGuarantee, 'guarantee')).toThrow(UserErrorsError);
  });

  it('cancels a guarantee whose packages have not shipped', async () => {
    const { guarantee } = await buyGuarantee(nextOrderNumber(), '45.00');
    const { cancelGuarantee } = await storefront.request(CancelGuaranteeDocument, {
      input: { guaranteeId: guarantee.id, reason: 'Order cancelled by the shopper' },
    });
    expect(unwrap(cancelGuarantee, 'guarantee').status).toBe('CANCELLED');
  });

  it('throws a RequestError with the code for a credential the API refuses', async () => {
    const unknown = createClient({ url: `${api.url}/graphql`, credential: 'sk_test_unknown' });
    await expect(unknown.request(PolicyDocument)).rejects.toMatchObject({
      name: 'RequestError',
      code: 'UNAUTHENTICATED',
      status: 401,
    });
    const session = await storefront.request(CreateMemberSessionDocument, {
      input: { memberId: 'M77', email: api.secret('m77@example.com') },
    });
    const member = createClient({
      url: `${api.url}/graphql`,
      credential: api.secret(unwrap(session.createMemberSession, 'token')),
    });
    const error = await member
      .request(CreateMemberSessionDocument, { input: { memberId: 'M78', email: 'x@example.com' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestError);
    expect((error as RequestError).code).toBe('FORBIDDEN');
  });

  it('reads the public policy with no credential: exclusions apart from claim conditions (R10-R11, R13-R15)', async () => {
    const { policy } = await createClient({ url: `${api.url}/graphql` }).request(PolicyDocument);
    const codes = (kind: 'EXCLUSION' | 'CLAIM_CONDITION') =>
      policy.exclusions.filter((e) => e.kind === kind).map((e) => e.code);
    expect(codes('EXCLUSION')).toContain('NATURAL_DISASTER');
    expect(codes('EXCLUSION')).toContain('SANCTIONS');
    expect(codes('CLAIM_CONDITION')).toEqual([
      'MISSING_DOCUMENTS',
      'CLAIM_WINDOW_EXPIRED',
      'PACKAGE_UNCLAIMED',
      'NOT_COVERED',
    ]);
    const disaster = policy.exclusions.find((e) => e.code === 'NATURAL_DISASTER');
    expect(disaster?.translations).toContainEqual(
      expect.objectContaining({ locale: 'zh-CN', title: '自然灾害' }),
    );
  });
});

describe('live claim updates', () => {
  const fixtures = claimFixtures(() => ({ api, shop, start }));

  it('follows a claim with subscribe(ClaimUpdatedDocument) until the loop stops', async () => {
    const { claim, session } = await fixtures.underReview({ memberId: 'M-LIVE' });
    const member = createClient({ url: `${api.url}/graphql`, credential: session });
    const held = api.server.http.streams.size;
    const updates = member.subscribe(ClaimUpdatedDocument, { claimId: claim.id });
    const iterator = updates[Symbol.asyncIterator]();
    const first = iterator.next();
    expect(await eventually(async () => api.server.http.streams.size > held)).toBe(true);
    await fixtures.decide({
      claimId: claim.id,
      outcome: 'REJECT',
      reasonCodes: ['CONTENTS_UNDAMAGED'],
    });
    const { value } = await first;
    expectTypeOf(value).toEqualTypeOf<ClaimUpdatedSubscription | undefined>();
    expect(value?.claimUpdated).toMatchObject({
      id: claim.id,
      status: 'REJECTED',
      decision: { outcome: 'REJECT', reasonCodes: ['CONTENTS_UNDAMAGED'] },
    });
    expect(value?.claimUpdated.timeline.at(-1)?.status).toBe('REJECTED');
    // Leaving the loop closes the stream on the server too.
    await iterator.return?.();
    expect(await eventually(async () => api.server.http.streams.size === held)).toBe(true);
  });

  it('throws the refusal as a RequestError: a bad session, a claim out of sight', async () => {
    const stranger = createClient({ url: `${api.url}/graphql`, credential: 'ms.not-a-session' });
    const refused = stranger.subscribe(ClaimUpdatedDocument, {})[Symbol.asyncIterator]().next();
    await expect(refused).rejects.toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });

    const { claim } = await fixtures.underReview({ memberId: 'M-OWNER-LIVE' });
    const other = await api.gql<{ createMemberSession: { token: string } }>(
      'mutation($input: CreateMemberSessionInput!) { createMemberSession(input: $input) { token } }',
      { input: { memberId: 'M-NOSY', email: api.secret('m-nosy@example.com') } },
      shop.secretKey,
    );
    const nosy = createClient({
      url: `${api.url}/graphql`,
      credential: api.secret(other.body.data?.createMemberSession.token ?? ''),
    });
    const outOfSight = nosy.subscribe(ClaimUpdatedDocument, { claimId: claim.id });
    await expect(outOfSight[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(RequestError);
    await expect(
      nosy.subscribe(ClaimUpdatedDocument, { claimId: claim.id })[Symbol.asyncIterator]().next(),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
