// Claim.riskSignals as the API computes and shows them: each signal raised by the data that
// should raise it (with a detail naming what to check), refreshed when documents arrive,
// never blocking a claim, and refused to members.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi, type TestStorefront } from '../../test-support/harness.js';
import {
  ADDRESS,
  ALL_DOCUMENTS,
  FILE_CLAIM,
  guaranteedPackage,
  memberSession,
  recordEvent,
  uploadDocument,
} from '../../test-support/operations.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let api: TestApi;
let shop: TestStorefront;
let start: Date;
let addressCounter = 0;

beforeAll(async () => {
  api = await startTestApi();
  shop = await api.createStorefront();
  start = new Date(api.clock.now);
});
afterAll(() => api.close());

/** An address no other test uses, so ADDRESS_SHARED_BY_MEMBERS stays out of the way. */
function ownAddress() {
  addressCounter += 1;
  return { ...ADDRESS, line1: `${addressCounter} Quiet Lane` };
}

type Signal = { code: string; detail: string };
type Filed = { id: string; reference: string; status: string };

interface ClaimOptions {
  memberId: string;
  /** When the claim is filed; `start` by default. */
  filedAt?: Date;
  /** How long before filing the carrier delivered it; an hour by default. */
  deliveredBefore?: number;
  description?: string;
  deliveryAddress?: typeof ADDRESS;
  value?: string;
  estimatedWeightGrams?: number;
  actualWeightGrams?: number;
  withDocuments?: boolean;
}

async function fileClaim(options: ClaimOptions): Promise<Filed & { session: string }> {
  const filedAt = options.filedAt ?? start;
  const bought = new Date(filedAt.getTime() - 5 * DAY);
  const pkg = await api.at(bought, () =>
    guaranteedPackage(api, shop, {
      memberId: options.memberId,
      deliveryAddress: options.deliveryAddress ?? ownAddress(),
      estimatedWeightGrams: options.estimatedWeightGrams ?? 1000,
      ...(options.value ? { salePrice: options.value, declaredValue: options.value } : {}),
    }),
  );
  await recordEvent(
    api,
    shop,
    pkg.trackingNumber,
    'DELIVERED',
    new Date(filedAt.getTime() - (options.deliveredBefore ?? HOUR)),
    { signedBy: 'J. Doe', actualWeightGrams: options.actualWeightGrams ?? 1000 },
  );
  const session = await memberSession(api, shop, options.memberId);
  const documentIds =
    options.withDocuments === false
      ? []
      : await Promise.all(ALL_DOCUMENTS.map((kind) => uploadDocument(api, session, kind)));
  const result = await api.at(filedAt, () =>
    api.gql<{ fileClaim: { claim: Filed | null } }>(
      FILE_CLAIM,
      {
        input: {
          trackingNumber: pkg.trackingNumber,
          type: 'DAMAGE',
          description: options.description ?? `cracked (${options.memberId})`,
          documentIds,
        },
      },
      session,
    ),
  );
  const claim = result.body.data?.fileClaim.claim;
  if (!claim) throw new Error(JSON.stringify(result.body));
  return { ...claim, session };
}

const SIGNALS = `query($id: ID!) { claim(id: $id) { status riskSignals { code detail } } }`;

async function signalsOf(claimId: string, credential = api.operatorKey): Promise<Signal[]> {
  const result = await api.gql<{ claim: { riskSignals: Signal[] } | null }>(
    SIGNALS,
    { id: claimId },
    credential,
  );
  const claim = result.body.data?.claim;
  if (!claim) throw new Error(JSON.stringify(result.body));
  return claim.riskSignals;
}

const codes = (signals: Signal[]) => signals.map((s) => s.code);

describe('Claim.riskSignals', () => {
  it('is empty for an ordinary claim', async () => {
    const claim = await fileClaim({ memberId: 'M-PLAIN' });
    expect(await signalsOf(claim.id)).toEqual([]);
  });

  it("MEMBER_CLAIM_VELOCITY on a member's third claim in 90 days, naming the other two", async () => {
    const first = await fileClaim({
      memberId: 'M-VEL',
      filedAt: new Date(start.getTime() - 60 * DAY),
    });
    const second = await fileClaim({
      memberId: 'M-VEL',
      filedAt: new Date(start.getTime() - 20 * DAY),
    });
    expect(codes(await signalsOf(second.id))).not.toContain('MEMBER_CLAIM_VELOCITY');
    const third = await fileClaim({ memberId: 'M-VEL' });
    const signal = (await signalsOf(third.id)).find((s) => s.code === 'MEMBER_CLAIM_VELOCITY');
    expect(signal?.detail).toMatch(/^3 claims by member M-VEL in the 90 days to /);
    expect(signal?.detail).toContain(`${second.reference} (`);
    expect(signal?.detail).toContain(`${first.reference} (`);
  });

  it('ADDRESS_SHARED_BY_MEMBERS when a third member ships to the same place, however written', async () => {
    const place = { ...ADDRESS, line1: '77 Drop Street', line2: 'Unit 9' };
    await fileClaim({ memberId: 'M-ADDR-1', deliveryAddress: place });
    const second = await fileClaim({
      memberId: 'M-ADDR-2',
      deliveryAddress: { ...place, line1: '77 DROP STREET, unit 9', line2: '' } as typeof place,
    });
    expect(codes(await signalsOf(second.id))).not.toContain('ADDRESS_SHARED_BY_MEMBERS');
    const third = await fileClaim({ memberId: 'M-ADDR-3', deliveryAddress: place });
    expect(await signalsOf(third.id)).toContainEqual({
      code: 'ADDRESS_SHARED_BY_MEMBERS',
      detail:
        'the delivery address received packages of 3 members: M-ADDR-3 (this claim) and M-ADDR-1, M-ADDR-2',
    });
  });

  it('CLAIM_SOON_AFTER_DELIVERY within 15 minutes of delivery, not an hour later', async () => {
    const soon = await fileClaim({ memberId: 'M-SOON', deliveredBefore: 7 * MINUTE });
    const [signal] = (await signalsOf(soon.id)).filter(
      (s) => s.code === 'CLAIM_SOON_AFTER_DELIVERY',
    );
    expect(signal?.detail).toMatch(/^filed 7 min 0 s after delivery \(delivered /);
    const later = await fileClaim({ memberId: 'M-LATE', deliveredBefore: HOUR });
    expect(codes(await signalsOf(later.id))).not.toContain('CLAIM_SOON_AFTER_DELIVERY');
  });

  it('WEIGHT_SHORTFALL with the weights (R7, R12)', async () => {
    const claim = await fileClaim({ memberId: 'M-LIGHT', actualWeightGrams: 800 });
    expect(await signalsOf(claim.id)).toContainEqual({
      code: 'WEIGHT_SHORTFALL',
      detail:
        'weighed 800 g against 1000 g estimated: 200 g (20%) short; R7 flags more than 10% and more than 50 g',
    });
  });

  it("HIGH_VALUE_FIRST_ORDER on a member's first order worth $1,000.00, not on the next", async () => {
    const first = await fileClaim({ memberId: 'M-NEW', value: '1000.00' });
    expect(await signalsOf(first.id)).toContainEqual({
      code: 'HIGH_VALUE_FIRST_ORDER',
      detail:
        "the member's first guaranteed order here, worth $1,000.00 (at least $1,000.00 raises this signal)",
    });
    const next = await fileClaim({ memberId: 'M-NEW', value: '1000.00' });
    expect(codes(await signalsOf(next.id))).not.toContain('HIGH_VALUE_FIRST_ORDER');
  });

  it('DESCRIPTION_REUSED word for word across members, case and spacing aside', async () => {
    const text = 'The outer box was crushed flat and both ceramic plates inside are in pieces.';
    const original = await fileClaim({ memberId: 'M-TEXT-1', description: text });
    expect(codes(await signalsOf(original.id))).not.toContain('DESCRIPTION_REUSED');
    const copy = await fileClaim({
      memberId: 'M-TEXT-2',
      description: `  ${text.toUpperCase().replace(/ /g, '\n  ')} `,
    });
    expect(await signalsOf(copy.id)).toContainEqual({
      code: 'DESCRIPTION_REUSED',
      detail: `the same description, word for word, is on 1 other claim: ${original.reference}`,
    });
    const short = await fileClaim({ memberId: 'M-TEXT-3', description: 'Never arrived.' });
    await fileClaim({ memberId: 'M-TEXT-4', description: 'never arrived.' });
    expect(codes(await signalsOf(short.id))).not.toContain('DESCRIPTION_REUSED');
  });

  it('is computed again when documents arrive, in the same write', async () => {
    const text = 'Courier left it in the rain; the laptop inside no longer switches on at all.';
    const waiting = await fileClaim({
      memberId: 'M-LATER-1',
      description: text,
      withDocuments: false,
    });
    expect(waiting.status).toBe('NEEDS_DOCUMENTS');
    expect(codes(await signalsOf(waiting.id))).toEqual([]);
    await fileClaim({ memberId: 'M-LATER-2', description: text });
    const documentIds = await Promise.all(
      ALL_DOCUMENTS.map((kind) => uploadDocument(api, waiting.session, kind)),
    );
    const added = await api.gql<{
      addClaimDocuments: { claim: { status: string; riskSignals?: Signal[] } | null };
    }>(
      `mutation($input: AddClaimDocumentsInput!) { addClaimDocuments(input: $input) { claim { status } userErrors { code } } }`,
      { input: { claimId: waiting.id, documentIds } },
      waiting.session,
    );
    expect(added.body.data?.addClaimDocuments.claim?.status).toBe('UNDER_REVIEW');
    expect(codes(await signalsOf(waiting.id))).toEqual(['DESCRIPTION_REUSED']);
  });

  it('never blocks: a claim with several signals is filed and waits for review like any other', async () => {
    const claim = await fileClaim({
      memberId: 'M-MANY',
      value: '2500.00',
      deliveredBefore: MINUTE,
      actualWeightGrams: 500,
    });
    expect(claim.status).toBe('UNDER_REVIEW');
    expect(codes(await signalsOf(claim.id))).toEqual([
      'CLAIM_SOON_AFTER_DELIVERY',
      'WEIGHT_SHORTFALL',
      'HIGH_VALUE_FIRST_ORDER',
    ]);
  });

  it("shows the storefront's secret key and refuses the member (FORBIDDEN)", async () => {
    const claim = await fileClaim({ memberId: 'M-WHO', actualWeightGrams: 800 });
    expect(codes(await signalsOf(claim.id, shop.secretKey))).toEqual(['WEIGHT_SHORTFALL']);
    const asMember = await api.gql(SIGNALS, { id: claim.id }, claim.session);
    expect(asMember.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const other = await api.createStorefront();
    const asOtherShop = await api.gql<{ claim: unknown }>(
      SIGNALS,
      { id: claim.id },
      other.secretKey,
    );
    expect(asOtherShop.body.data?.claim).toBeNull();
  });
});
