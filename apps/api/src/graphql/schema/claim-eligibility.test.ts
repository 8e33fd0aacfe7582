// claimEligibility: what a member is told before filing (POLICY R14-R16, R8, R9).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimFixtures } from '../../test-support/claim-fixtures.js';
import { startTestApi, type TestApi, type TestStorefront } from '../../test-support/harness.js';
import { memberSession } from '../../test-support/operations.js';

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

const { deliveredPackage, decide, pay, underReview } = claimFixtures(() => ({
  api,
  shop,
  start,
}));

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

  it("R8 limits a damage claim's maxPayable to 30% of shipping + $100, less what was paid (R9)", async () => {
    const { claim, pkg, session } = await underReview({
      declaredValue: '180.00',
      salePrice: '180.00',
      shippingFee: '40.00',
    });
    const maxPayable = async () => {
      const result = await api.gql<Record<string, { maxPayable: { amount: string } }>>(
        `query($t: String!) {
          DAMAGE: claimEligibility(trackingNumber: $t, type: DAMAGE) { maxPayable { amount } }
          PARTIAL_LOSS: claimEligibility(trackingNumber: $t, type: PARTIAL_LOSS) { maxPayable { amount } }
          LOSS: claimEligibility(trackingNumber: $t, type: LOSS) { maxPayable { amount } }
        }`,
        { t: pkg.trackingNumber },
        session,
      );
      return Object.fromEntries(
        Object.entries(result.body.data ?? {}).map(([type, e]) => [type, e.maxPayable.amount]),
      );
    };
    // $180 + 100% of $40 for a loss; 30% of $40 + $100 for damage.
    expect(await maxPayable()).toEqual({
      DAMAGE: '112.00',
      PARTIAL_LOSS: '220.00',
      LOSS: '220.00',
    });

    await decide({
      claimId: claim.id,
      outcome: 'APPROVE',
      auditedAmount: { amount: '150.00', currencyCode: 'USD' },
    });
    const paid = await pay(claim.id);
    expect(paid.body.data?.recordClaimPayout.claim?.package.paidTotal.amount).toBe('112.00');
    // $220 - $112 paid leaves $108, below the damage limit.
    expect(await maxPayable()).toEqual({
      DAMAGE: '108.00',
      PARTIAL_LOSS: '108.00',
      LOSS: '108.00',
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
