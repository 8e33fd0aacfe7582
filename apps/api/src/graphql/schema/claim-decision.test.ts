// Deciding and paying claims (POLICY R5-R11), and the timeline that records it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimFixtures } from '../../test-support/claim-fixtures.js';
import { startTestApi, type TestApi, type TestStorefront } from '../../test-support/harness.js';
import {
  guaranteedPackage,
  memberSession,
  recordEvent,
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

const { deliveredPackage, allDocuments, file, decide, pay, underReview } = claimFixtures(() => ({
  api,
  shop,
  start,
}));

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
