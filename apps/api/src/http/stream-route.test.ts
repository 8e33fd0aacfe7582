// Live claim updates over /graphql/stream (GraphQL over Server-Sent Events): what arrives, to
// whom, and the bounds on a stream. Runs on PGlite, and on PostgreSQL with DATABASE_URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimFixtures } from '../test-support/claim-fixtures.js';
import { EventStream } from '../test-support/event-stream.js';
import { eventually } from '../test-support/eventually.js';
import { startTestApi, type TestApi, type TestStorefront } from '../test-support/harness.js';
import { ROLL_API_KEY } from '../test-support/keys.js';
import { memberSession, uploadDocument } from '../test-support/operations.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PER_CREDENTIAL = 3;

const CLAIM_UPDATED = `subscription($claimId: ID) { claimUpdated(claimId: $claimId) {
  id status memberId missingDocuments documents { kind }
  decision { outcome payable { amount } } payoutReference timeline { status } } }`;
const ADD_DOCUMENTS = `mutation($input: AddClaimDocumentsInput!) { addClaimDocuments(input: $input) {
  claim { status } userErrors { code message } } }`;

let api: TestApi;
let shop: TestStorefront;
let otherShop: TestStorefront;
let start: Date;
const open: EventStream[] = [];

beforeAll(async () => {
  api = await startTestApi({
    env: {
      LG_STREAMS_PER_CREDENTIAL: String(PER_CREDENTIAL),
      LG_STREAM_HEARTBEAT_MS: '50',
    },
  });
  shop = await api.createStorefront();
  otherShop = await api.createStorefront();
  start = new Date(api.clock.now);
});
afterAll(async () => {
  for (const stream of open) stream.close();
  await api.close();
});

const { underReview, deliveredPackage, file, decide, pay } = claimFixtures(() => ({
  api,
  shop,
  start,
}));
const other = claimFixtures(() => ({ api, shop: otherShop, start }));

async function subscribe(
  credential: string | null,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
  query = CLAIM_UPDATED,
): Promise<EventStream> {
  const stream = await EventStream.open(api.url, query, variables, credential, headers);
  open.push(stream);
  return stream;
}

function approve(claimId: string) {
  return decide({
    claimId,
    outcome: 'APPROVE',
    auditedAmount: { amount: '40.00', currencyCode: 'USD' },
  });
}

describe('claimUpdated', () => {
  it('sends a member the claim as decideClaim and recordClaimPayout leave it', async () => {
    const { claim, session, memberId } = await underReview();
    const stream = await subscribe(session, { claimId: claim.id });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');

    expect((await approve(claim.id)).body.data?.decideClaim.userErrors).toEqual([]);
    const decided = await stream.result();
    expect(decided?.errors).toBeUndefined();
    expect(decided?.data?.claimUpdated).toMatchObject({
      id: claim.id,
      memberId,
      status: 'APPROVED',
      decision: { outcome: 'APPROVE', payable: { amount: '40.00' } },
      payoutReference: null,
    });

    expect((await pay(claim.id, 'BANK-77')).body.data?.recordClaimPayout.userErrors).toEqual([]);
    const paid = await stream.result();
    expect(paid?.data?.claimUpdated).toMatchObject({
      id: claim.id,
      status: 'PAID',
      payoutReference: 'BANK-77',
      timeline: [{ status: 'UNDER_REVIEW' }, { status: 'APPROVED' }, { status: 'PAID' }],
    });
  });

  it('sends each document added, and the move to UNDER_REVIEW once the last one is in (R13)', async () => {
    const memberId = 'M-DOCS';
    const pkg = await deliveredPackage({ memberId, deliveredAgo: HOUR });
    const session = await memberSession(api, shop, memberId);
    const filed = await file(session, { trackingNumber: pkg.trackingNumber, type: 'DAMAGE' });
    const claim = filed.body.data?.fileClaim.claim;
    if (!claim) throw new Error(JSON.stringify(filed.body));
    const stream = await subscribe(session, { claimId: claim.id });

    const add = async (kinds: string[]) => {
      const documentIds = await Promise.all(
        kinds.map((kind) => uploadDocument(api, session, kind)),
      );
      const added = await api.gql<{ addClaimDocuments: { userErrors: unknown[] } }>(
        ADD_DOCUMENTS,
        { input: { claimId: claim.id, documentIds } },
        session,
      );
      expect(added.body.data?.addClaimDocuments.userErrors).toEqual([]);
    };
    await add(['PROOF_OF_PURCHASE']);
    const first = await stream.result();
    expect(first?.data?.claimUpdated).toMatchObject({
      status: 'NEEDS_DOCUMENTS',
      documents: [{ kind: 'PROOF_OF_PURCHASE' }],
      missingDocuments: ['ORDER_NOTIFICATION_EMAIL', 'PACKAGING_PHOTO', 'CONTENTS_PHOTO'],
    });
    await add(['ORDER_NOTIFICATION_EMAIL', 'PACKAGING_PHOTO', 'CONTENTS_PHOTO']);
    const complete = await stream.result();
    expect(complete?.data?.claimUpdated).toMatchObject({
      status: 'UNDER_REVIEW',
      missingDocuments: [],
    });
    expect(complete?.data?.claimUpdated.documents).toHaveLength(4);
  });

  it("never sends a member another member's claim, subscribed to all or by its id", async () => {
    const mine = await underReview({ memberId: 'M-MINE' });
    const theirs = await underReview({ memberId: 'M-THEIRS' });
    const all = await subscribe(mine.session);

    // Their claim changes first; the first update to arrive is still my claim's.
    await approve(theirs.claim.id);
    await approve(mine.claim.id);
    const first = await all.result();
    expect(first?.data?.claimUpdated).toMatchObject({ id: mine.claim.id, memberId: 'M-MINE' });

    const byId = await subscribe(mine.session, { claimId: theirs.claim.id });
    expect(byId.status).toBe(200);
    const refused = await byId.result();
    expect(refused).toEqual({
      errors: [
        expect.objectContaining({
          message: 'no claim with this id that this credential may see',
          extensions: { code: 'NOT_FOUND' },
        }),
      ],
    });
    expect(await byId.ended()).toEqual([expect.objectContaining({ event: 'complete' })]);
  });

  it("sends a secret key its storefront's claims only; an operator all", async () => {
    const stream = await subscribe(shop.secretKey);
    const operator = await subscribe(api.operatorKey);
    const elsewhere = await other.underReview({ memberId: 'M-ELSEWHERE' });
    const here = await underReview({ memberId: 'M-HERE' });
    await approve(elsewhere.claim.id);
    await approve(here.claim.id);
    // The filing of the claim here (and of its documents) arrives too: the first update of
    // the storefront's subscriber is about its own claim, never the other storefront's.
    const first = await stream.result();
    expect(first?.data?.claimUpdated.id).toBe(here.claim.id);
    const seen = new Set<string>();
    while (!seen.has(here.claim.id)) {
      const update = await operator.result();
      seen.add(update?.data?.claimUpdated.id as string);
    }
    expect(seen.has(elsewhere.claim.id)).toBe(true);
    stream.close();
    operator.close();
  });
});
