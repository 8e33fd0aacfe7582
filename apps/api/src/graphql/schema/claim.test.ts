import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi, type TestStorefront } from '../../test-support/harness.js';
import {
  ALL_DOCUMENTS,
  DECIDE,
  FILE_CLAIM,
  guaranteedPackage,
  memberSession,
  PAYOUT,
  recordEvent,
  type UserErrors,
  uploadDocument,
} from '../../test-support/operations.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let api: TestApi;
let shop: TestStorefront;
let start: Date;

beforeAll(async () => {
  api = await startTestApi();
  shop = await api.createStorefront();
  start = new Date(api.clock.now);
});
afterAll(() => api.close());

type Claim = {
  id: string;
  reference: string;
  status: string;
  dueAt: string | null;
  missingDocuments: string[];
  flags: string[];
  timeline: { status: string; actor: string; note: string | null }[];
  documents: { id: string; kind: string }[];
};
type FileResult = {
  fileClaim: { claim: Claim | null; evidenceNotice: string | null; userErrors: UserErrors };
};
type DecideResult = {
  decideClaim: {
    claim: null | {
      status: string;
      decision: {
        outcome: string;
        payable: { amount: string };
        reasonCodes: string[];
        breakdown: { label: string; amount: { amount: string }; rule: string }[];
      };
    };
    userErrors: UserErrors;
  };
};
type PayoutResult = {
  recordClaimPayout: {
    claim: null | {
      status: string;
      payoutReference: string;
      package: { maxCompensation: { amount: string }; paidTotal: { amount: string } };
    };
    userErrors: UserErrors;
  };
};

/** A package bought `daysAgo` days before now, delivered at `deliveredAt` (or not). */
async function deliveredPackage(
  options: {
    memberId?: string;
    deliveredAgo?: number;
    declaredValue?: string;
    salePrice?: string;
    shippingFee?: string;
  } = {},
) {
  const bought = new Date(start.getTime() - 10 * DAY);
  const pkg = await api.at(bought, () => guaranteedPackage(api, shop, options));
  await recordEvent(api, shop, pkg.trackingNumber, 'SHIPPED', new Date(bought.getTime() + HOUR));
  if (options.deliveredAgo !== undefined) {
    await recordEvent(
      api,
      shop,
      pkg.trackingNumber,
      'DELIVERED',
      new Date(start.getTime() - options.deliveredAgo),
      {
        signedBy: 'J. Doe',
        actualWeightGrams: 1000,
      },
    );
  }
  return pkg;
}

async function allDocuments(credential: string): Promise<string[]> {
  return Promise.all(ALL_DOCUMENTS.map((kind) => uploadDocument(api, credential, kind)));
}

function file(credential: string, input: Record<string, unknown>) {
  return api.gql<FileResult>(
    FILE_CLAIM,
    { input: { description: 'It arrived broken', ...input } },
    credential,
  );
}

function decide(input: Record<string, unknown>) {
  return api.gql<DecideResult>(DECIDE, { input }, api.operatorKey);
}

function pay(claimId: string, reference = 'PAYOUT-1') {
  return api.gql<PayoutResult>(PAYOUT, { input: { claimId, reference } }, api.operatorKey);
}

describe('fileClaim refusals', () => {
  it('NOT_COVERED for a package of another member', async () => {
    const pkg = await deliveredPackage({ memberId: 'M-OWNER', deliveredAgo: HOUR });
    const other = await memberSession(api, shop, 'M-OTHER');
    const result = await file(other, { trackingNumber: pkg.trackingNumber, type: 'DAMAGE' });
    expect(result.body.data?.fileClaim.userErrors[0]?.code).toBe('NOT_COVERED');
  });

  it('R14 NOT_DELIVERED for damage before delivery', async () => {
    const pkg = await deliveredPackage({ memberId: 'M-A' });
    const result = await file(await memberSession(api, shop, 'M-A'), {
      trackingNumber: pkg.trackingNumber,
      type: 'DAMAGE',
    });
    expect(result.body.data?.fileClaim.userErrors[0]?.code).toBe('NOT_DELIVERED');
  });

  it('R14 accepts damage exactly 24 hours after delivery', async () => {
    const pkg = await deliveredPackage({ memberId: 'M-A', deliveredAgo: 24 * HOUR });
    const result = await file(await memberSession(api, shop, 'M-A'), {
      trackingNumber: pkg.trackingNumber,
      type: 'DAMAGE',
    });
    expect(result.body.data?.fileClaim.claim?.status).toBe('NEEDS_DOCUMENTS');
  });

  it('R14 CLAIM_WINDOW_EXPIRED for damage 24 hours and 1 ms after delivery', async () => {
    const pkg = await deliveredPackage({ memberId: 'M-A', deliveredAgo: 24 * HOUR + 1 });
    const result = await file(await memberSession(api, shop, 'M-A'), {
      trackingNumber: pkg.trackingNumber,
      type: 'PARTIAL_LOSS',
    });
    expect(result.body.data?.fileClaim.userErrors[0]?.code).toBe('CLAIM_WINDOW_EXPIRED');
  });

  it('R15 PACKAGE_UNCLAIMED when it waited at the destination more than 30 days', async () => {
    const bought = new Date(start.getTime() - 40 * DAY);
    const pkg = await api.at(bought, () => guaranteedPackage(api, shop, { memberId: 'M-A' }));
    await recordEvent(api, shop, pkg.trackingNumber, 'SHIPPED', new Date(bought.getTime() + HOUR));
    await recordEvent(
      api,
      shop,
      pkg.trackingNumber,
      'ARRIVED_AT_DESTINATION',
      new Date(start.getTime() - 31 * DAY),
    );
    await recordEvent(
      api,
      shop,
      pkg.trackingNumber,
      'DELIVERED',
      new Date(start.getTime() - HOUR),
      { signedBy: 'X' },
    );
    const result = await file(await memberSession(api, shop, 'M-A'), {
      trackingNumber: pkg.trackingNumber,
      type: 'DAMAGE',
    });
    expect(result.body.data?.fileClaim.userErrors[0]?.code).toBe('PACKAGE_UNCLAIMED');
  });

  it('R16 LOSS_NOT_YET_CLAIMABLE before the package is reported lost or overdue', async () => {
    const pkg = await deliveredPackage({ memberId: 'M-A' });
    const result = await file(await memberSession(api, shop, 'M-A'), {
      trackingNumber: pkg.trackingNumber,
      type: 'LOSS',
    });
    expect(result.body.data?.fileClaim.userErrors[0]?.code).toBe('LOSS_NOT_YET_CLAIMABLE');
  });

  it('R16 ALREADY_DELIVERED for a loss claim on a delivered package', async () => {
    const pkg = await deliveredPackage({ memberId: 'M-A', deliveredAgo: HOUR });
    const result = await file(await memberSession(api, shop, 'M-A'), {
      trackingNumber: pkg.trackingNumber,
      type: 'LOSS',
    });
    expect(result.body.data?.fileClaim.userErrors[0]?.code).toBe('ALREADY_DELIVERED');
  });

  it('R16 accepts a loss claim 30 days after shipping without a loss report', async () => {
    const shipped = new Date(start.getTime() - 30 * DAY);
    const pkg = await api.at(new Date(shipped.getTime() - HOUR), () =>
      guaranteedPackage(api, shop, { memberId: 'M-A' }),
    );
    await recordEvent(api, shop, pkg.trackingNumber, 'SHIPPED', shipped);
    const result = await file(await memberSession(api, shop, 'M-A'), {
      trackingNumber: pkg.trackingNumber,
      type: 'LOSS',
    });
    expect(result.body.data?.fileClaim.claim?.status).toBe('NEEDS_DOCUMENTS');
  });

  it('R21 CLAIM_ALREADY_OPEN for a second open claim, even when filed concurrently', async () => {
    const pkg = await deliveredPackage({ memberId: 'M-A', deliveredAgo: HOUR });
    const session = await memberSession(api, shop, 'M-A');
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        file(session, { trackingNumber: pkg.trackingNumber, type: 'DAMAGE' }),
      ),
    );
    const filed = results.filter((r) => r.body.data?.fileClaim.claim);
    const refused = results.filter(
      (r) => r.body.data?.fileClaim.userErrors[0]?.code === 'CLAIM_ALREADY_OPEN',
    );
    expect(filed).toHaveLength(1);
    expect(refused).toHaveLength(5);
  });

  it("DOCUMENT_NOT_UPLOADED for a document whose bytes never arrived, or another member's", async () => {
    const pkg = await deliveredPackage({ memberId: 'M-A', deliveredAgo: HOUR });
    const session = await memberSession(api, shop, 'M-A');
    const created = await api.gql<{ createDocumentUpload: { upload: { documentId: string } } }>(
      'mutation { createDocumentUpload(input: { kind: PROOF_OF_PURCHASE, fileName: "a.pdf", contentType: "application/pdf", byteSize: 10 }) { upload { documentId } } }',
      {},
      session,
    );
    const pending = created.body.data?.createDocumentUpload.upload.documentId;
    const notUploaded = await file(session, {
      trackingNumber: pkg.trackingNumber,
      type: 'DAMAGE',
      documentIds: [pending],
    });
    expect(notUploaded.body.data?.fileClaim.userErrors[0]).toMatchObject({
      code: 'DOCUMENT_NOT_UPLOADED',
      field: ['input', 'documentIds', '0'],
    });
    const someoneElses = await uploadDocument(
      api,
      await memberSession(api, shop, 'M-B'),
      'PROOF_OF_PURCHASE',
    );
    const foreign = await file(session, {
      trackingNumber: pkg.trackingNumber,
      type: 'DAMAGE',
      documentIds: [someoneElses],
    });
    expect(foreign.body.data?.fileClaim.userErrors[0]?.code).toBe('DOCUMENT_NOT_UPLOADED');
  });

  it('DOCUMENT_NOT_UPLOADED at the index of an ID that names no document', async () => {
    const pkg = await deliveredPackage({ memberId: 'M-ID', deliveredAgo: HOUR });
    const session = await memberSession(api, shop, 'M-ID');
    const proof = await uploadDocument(api, session, 'PROOF_OF_PURCHASE');
    const claimId = Buffer.from('Claim:00000000-0000-4000-8000-000000000000').toString('base64');
    for (const notADocument of ['not-an-id', claimId]) {
      const result = await file(session, {
        trackingNumber: pkg.trackingNumber,
        type: 'DAMAGE',
        documentIds: [proof, notADocument],
      });
      expect(result.body.data?.fileClaim.userErrors).toEqual([
        {
          code: 'DOCUMENT_NOT_UPLOADED',
          message: 'no such document',
          field: ['input', 'documentIds', '1'],
        },
      ]);
    }
  });
});

describe('filing and documents', () => {
  it('R13/R17/R18/R20 files with every document straight to UNDER_REVIEW, due in 7 days', async () => {
    const pkg = await deliveredPackage({ memberId: 'M1042', deliveredAgo: HOUR });
    const session = await memberSession(api, shop, 'M1042');
    const documentIds = await allDocuments(session);
    const result = await file(session, {
      trackingNumber: pkg.trackingNumber,
      type: 'DAMAGE',
      documentIds,
    });
    const claim = result.body.data?.fileClaim.claim;
    expect(result.body.data?.fileClaim.userErrors).toEqual([]);
    expect(claim?.status).toBe('UNDER_REVIEW');
    expect(claim?.reference).toBe(`M1042+${pkg.orderNumber}+Claim`);
    expect(claim?.missingDocuments).toEqual([]);
    expect(claim?.dueAt).toBe(new Date(start.getTime() + 7 * DAY).toISOString());
    expect(result.body.data?.fileClaim.evidenceNotice).toMatch(/keep all packaging and contents/i);
    expect(claim?.timeline).toEqual([
      { status: 'UNDER_REVIEW', actor: 'member:M1042', note: 'claim filed' },
    ]);
  });

  it('R13 waits in NEEDS_DOCUMENTS, then addClaimDocuments completes it and starts the 7-day clock', async () => {
    const pkg = await deliveredPackage({ memberId: 'M-D', deliveredAgo: HOUR });
    const session = await memberSession(api, shop, 'M-D');
    const proof = await uploadDocument(api, session, 'PROOF_OF_PURCHASE');
    const filed = await file(session, {
      trackingNumber: pkg.trackingNumber,
      type: 'LOSS',
      documentIds: [proof],
    });
    expect(filed.body.data?.fileClaim.userErrors[0]?.code).toBe('ALREADY_DELIVERED');

    const damage = await file(session, {
      trackingNumber: pkg.trackingNumber,
      type: 'PARTIAL_LOSS',
      documentIds: [proof],
    });
    const claim = damage.body.data?.fileClaim.claim;
    expect(claim?.status).toBe('NEEDS_DOCUMENTS');
    expect(claim?.dueAt).toBeNull();
    expect(claim?.missingDocuments).toEqual([
      'ORDER_NOTIFICATION_EMAIL',
      'PACKAGING_PHOTO',
      'CONTENTS_PHOTO',
    ]);

    const later = new Date(start.getTime() + 2 * HOUR);
    const rest = await Promise.all(
      ['ORDER_NOTIFICATION_EMAIL', 'PACKAGING_PHOTO', 'CONTENTS_PHOTO'].map((k) =>
        uploadDocument(api, session, k),
      ),
    );
    const added = await api.at(later, () =>
      api.gql<{ addClaimDocuments: { claim: Claim | null; userErrors: UserErrors } }>(
        'mutation($input: AddClaimDocumentsInput!) { addClaimDocuments(input: $input) { claim { status dueAt missingDocuments timeline { status note } } userErrors { code } } }',
        { input: { claimId: claim?.id, documentIds: rest } },
        session,
      ),
    );
    const completed = added.body.data?.addClaimDocuments.claim;
    expect(completed?.status).toBe('UNDER_REVIEW');
    expect(completed?.dueAt).toBe(new Date(later.getTime() + 7 * DAY).toISOString());
    expect(completed?.timeline.map((e) => e.status)).toEqual(['NEEDS_DOCUMENTS', 'UNDER_REVIEW']);
  });

  it('lets a storefront file for its member with a secret key (memberId required)', async () => {
    const pkg = await deliveredPackage({ memberId: 'M-S', deliveredAgo: HOUR });
    const missing = await file(shop.secretKey, {
      trackingNumber: pkg.trackingNumber,
      type: 'DAMAGE',
    });
    expect(missing.body.data?.fileClaim.userErrors[0]).toMatchObject({
      code: 'INVALID_INPUT',
      field: ['input', 'memberId'],
    });
    const filed = await file(shop.secretKey, {
      trackingNumber: pkg.trackingNumber,
      type: 'DAMAGE',
      memberId: 'M-S',
    });
    expect(filed.body.data?.fileClaim.claim?.timeline[0]?.actor).toBe(
      `storefront:${Buffer.from(shop.id, 'base64').toString().split(':')[1]}`,
    );
  });
});

async function underReview(
  options: Parameters<typeof deliveredPackage>[0] & { type?: string } = {},
) {
  const memberId = options.memberId ?? `M-${Math.random().toString(36).slice(2, 8)}`;
  const pkg = await deliveredPackage({
    ...options,
    memberId,
    deliveredAgo: options.deliveredAgo ?? HOUR,
  });
  const session = await memberSession(api, shop, memberId);
  const result = await file(session, {
    trackingNumber: pkg.trackingNumber,
    type: options.type ?? 'DAMAGE',
    documentIds: await allDocuments(session),
  });
  const claim = result.body.data?.fileClaim.claim;
  if (!claim) throw new Error(JSON.stringify(result.body));
  return { claim, pkg, session, memberId };
}

describe('decideClaim and recordClaimPayout', () => {
  it('R5/R6 approves a loss at min(value, sale price) + 100% shipping, with a breakdown citing rules', async () => {
    const shipped = new Date(start.getTime() - 31 * DAY);
    const memberId = 'M-LOSS';
    const pkg = await api.at(new Date(shipped.getTime() - HOUR), () =>
      guaranteedPackage(api, shop, {
        memberId,
        declaredValue: '120.00',
        salePrice: '110.00',
        shippingFee: '20.00',
      }),
    );
    await recordEvent(api, shop, pkg.trackingNumber, 'SHIPPED', shipped);
    await recordEvent(api, shop, pkg.trackingNumber, 'LOST', new Date(start.getTime() - DAY));
    const session = await memberSession(api, shop, memberId);
    const docs = await Promise.all(
      ['PROOF_OF_PURCHASE', 'ORDER_NOTIFICATION_EMAIL'].map((k) => uploadDocument(api, session, k)),
    );
    const filed = await file(session, {
      trackingNumber: pkg.trackingNumber,
      type: 'LOSS',
      documentIds: docs,
    });
    const claim = filed.body.data?.fileClaim.claim;
    expect(claim?.status).toBe('UNDER_REVIEW');
    const decided = await decide({
      claimId: claim?.id,
      outcome: 'APPROVE',
      note: 'carrier confirmed loss',
    });
    const decision = decided.body.data?.decideClaim.claim?.decision;
    expect(decision?.payable.amount).toBe('130.00');
    expect(decision?.breakdown.map((l) => [l.rule, l.amount.amount])).toEqual([
      ['R6', '110.00'],
      ['R5', '20.00'],
    ]);
    const paid = await pay(claim?.id as string, 'WIRE-42');
    expect(paid.body.data?.recordClaimPayout.claim).toMatchObject({
      status: 'PAID',
      payoutReference: 'WIRE-42',
      package: { paidTotal: { amount: '130.00' }, maxCompensation: { amount: '0.00' } },
    });
    const again = await pay(claim?.id as string, 'WIRE-43');
    expect(again.body.data?.recordClaimPayout.userErrors[0]?.code).toBe('INVALID_TRANSITION');
  });

  it('R8 pays damage at most 30% of shipping + $100, and needs an audited amount', async () => {
    const { claim } = await underReview({
      shippingFee: '20.00',
      declaredValue: '500.00',
      salePrice: '500.00',
    });
    const noAmount = await decide({ claimId: claim.id, outcome: 'APPROVE' });
    expect(noAmount.body.data?.decideClaim.userErrors[0]).toMatchObject({
      code: 'AMOUNT_REQUIRED',
      field: ['input', 'auditedAmount'],
    });
    const approved = await decide({
      claimId: claim.id,
      outcome: 'APPROVE',
      auditedAmount: { amount: '300.00', currencyCode: 'USD' },
    });
    const decision = approved.body.data?.decideClaim.claim?.decision;
    expect(decision?.payable.amount).toBe('106.00');
    expect(decision?.breakdown.at(-1)?.rule).toBe('R8');
  });

  it('R10/R11 rejects with reason codes, and needs at least one', async () => {
    const { claim } = await underReview();
    const noReason = await decide({ claimId: claim.id, outcome: 'REJECT' });
    expect(noReason.body.data?.decideClaim.userErrors[0]?.code).toBe('REASON_REQUIRED');
    const rejected = await decide({
      claimId: claim.id,
      outcome: 'REJECT',
      reasonCodes: ['CONTENTS_UNDAMAGED'],
      note: 'only the box',
    });
    expect(rejected.body.data?.decideClaim.claim).toMatchObject({
      status: 'REJECTED',
      decision: {
        outcome: 'REJECT',
        payable: { amount: '0.00' },
        reasonCodes: ['CONTENTS_UNDAMAGED'],
        breakdown: [],
      },
    });
    const late = await decide({
      claimId: claim.id,
      outcome: 'APPROVE',
      auditedAmount: { amount: '1.00', currencyCode: 'USD' },
    });
    expect(late.body.data?.decideClaim.userErrors[0]?.code).toBe('INVALID_TRANSITION');
  });

  it('refuses to approve a claim still waiting for documents (INVALID_TRANSITION)', async () => {
    const pkg = await deliveredPackage({ memberId: 'M-W', deliveredAgo: HOUR });
    const filed = await file(await memberSession(api, shop, 'M-W'), {
      trackingNumber: pkg.trackingNumber,
      type: 'DAMAGE',
    });
    const result = await decide({
      claimId: filed.body.data?.fileClaim.claim?.id,
      outcome: 'APPROVE',
      auditedAmount: { amount: '5.00', currencyCode: 'USD' },
    });
    expect(result.body.data?.decideClaim.userErrors[0]?.code).toBe('INVALID_TRANSITION');
  });

  it('R9/R21 never pays a package more than $5,000 across claims, and 10 concurrent payouts pay once', async () => {
    const { claim, pkg, session } = await underReview({
      type: 'PARTIAL_LOSS',
      declaredValue: '8000.00',
      salePrice: '8000.00',
      shippingFee: '100.00',
    });
    await decide({
      claimId: claim.id,
      outcome: 'APPROVE',
      auditedAmount: { amount: '4000.00', currencyCode: 'USD' },
    });
    const payouts = await Promise.all(
      Array.from({ length: 10 }, (_, i) => pay(claim.id, `RACE-${i}`)),
    );
    expect(
      payouts.filter((p) => p.body.data?.recordClaimPayout.claim?.status === 'PAID'),
    ).toHaveLength(1);

    const second = await file(session, {
      trackingNumber: pkg.trackingNumber,
      type: 'PARTIAL_LOSS',
      documentIds: await allDocuments(session),
    });
    const secondId = second.body.data?.fileClaim.claim?.id;
    const approved = await decide({
      claimId: secondId,
      outcome: 'APPROVE',
      auditedAmount: { amount: '3000.00', currencyCode: 'USD' },
    });
    expect(approved.body.data?.decideClaim.claim?.decision.payable.amount).toBe('1000.00');
    const paid = await pay(secondId as string, 'SECOND');
    expect(paid.body.data?.recordClaimPayout.claim?.package.paidTotal.amount).toBe('5000.00');

    const eligibility = await api.gql<{
      claimEligibility: { eligible: boolean; reasons: string[]; maxPayable: { amount: string } };
    }>(
      'query($t: String!) { claimEligibility(trackingNumber: $t, type: DAMAGE) { eligible reasons maxPayable { amount } } }',
      { t: pkg.trackingNumber },
      session,
    );
    expect(eligibility.body.data?.claimEligibility).toEqual({
      eligible: false,
      reasons: ['CAP_REACHED'],
      maxPayable: { amount: '0.00' },
    });
  });

  it('records every transition in the timeline with who and why', async () => {
    const { claim } = await underReview({ memberId: 'M-T' });
    await decide({
      claimId: claim.id,
      outcome: 'APPROVE',
      auditedAmount: { amount: '10.00', currencyCode: 'USD' },
      note: 'photos show a crack',
    });
    await pay(claim.id, 'REF-T');
    const result = await api.gql<{
      claim: { timeline: { status: string; actor: string; note: string | null }[] };
    }>(
      'query($id: ID!) { claim(id: $id) { timeline { status actor note } } }',
      { id: claim.id },
      api.operatorKey,
    );
    const timeline = result.body.data?.claim.timeline ?? [];
    expect(timeline.map((e) => e.status)).toEqual(['UNDER_REVIEW', 'APPROVED', 'PAID']);
    expect(timeline[0]?.actor).toBe('member:M-T');
    expect(timeline[1]?.actor).toMatch(/^operator:/);
    expect(timeline[1]?.note).toBe('photos show a crack');
    expect(timeline[2]?.note).toBe('payout REF-T');
  });
});

describe('claimEligibility', () => {
  it('R14 tells a member the deadline and the most it could pay before filing', async () => {
    const pkg = await deliveredPackage({
      memberId: 'M-E',
      deliveredAgo: 2 * HOUR,
      declaredValue: '50.00',
      salePrice: '60.00',
      shippingFee: '10.00',
    });
    const result = await api.gql<{
      claimEligibility: {
        eligible: boolean;
        reasons: string[];
        deadline: string;
        maxPayable: { amount: string };
      };
    }>(
      'query($t: String!) { claimEligibility(trackingNumber: $t, type: DAMAGE) { eligible reasons deadline maxPayable { amount } } }',
      { t: pkg.trackingNumber },
      await memberSession(api, shop, 'M-E'),
    );
    expect(result.body.data?.claimEligibility).toEqual({
      eligible: true,
      reasons: [],
      deadline: new Date(start.getTime() - 2 * HOUR + DAY).toISOString(),
      maxPayable: { amount: '60.00' },
    });
  });

  it('answers NOT_COVERED for a tracking number the member has no guarantee for', async () => {
    const result = await api.gql<{ claimEligibility: { eligible: boolean; reasons: string[] } }>(
      'query { claimEligibility(trackingNumber: "NOPE", type: LOSS) { eligible reasons } }',
      {},
      await memberSession(api, shop, 'M-E'),
    );
    expect(result.body.data?.claimEligibility).toEqual({
      eligible: false,
      reasons: ['NOT_COVERED'],
    });
  });
});
