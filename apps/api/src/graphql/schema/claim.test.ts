// Filing claims and adding their evidence (POLICY R13-R18, R20, R21).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Claim, claimFixtures } from '../../test-support/claim-fixtures.js';
import { startTestApi, type TestApi, type TestStorefront } from '../../test-support/harness.js';
import {
  guaranteedPackage,
  memberSession,
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

const { deliveredPackage, allDocuments, file } = claimFixtures(() => ({
  api,
  shop,
  start,
}));

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
