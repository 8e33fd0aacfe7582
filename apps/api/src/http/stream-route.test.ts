// Live claim updates over /graphql/stream (GraphQL over Server-Sent Events): what arrives, to
// whom, and the bounds on a stream. Runs on PGlite, and on PostgreSQL with DATABASE_URL.
import { createClient } from 'graphql-sse';
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

const DEEP = `subscription { claimUpdated { guarantee { claims { nodes { guarantee { claims { nodes {
  guarantee { claims { nodes { guarantee { claims { nodes { id } } } } } } } } } } } } } }`;
const COSTLY = `subscription($n: Int) { claimUpdated { guarantee { claims(first: $n) { nodes {
  guarantee { claims(first: $n) { nodes { guarantee { claims(first: $n) { nodes {
  timeline { status } documents { kind } } } } } } } } } } } }`;

describe('/graphql/stream', () => {
  it('keeps an idle stream alive with heartbeat comments before any update', async () => {
    const stream = await subscribe(await memberSession(api, shop, 'M-IDLE'));
    const before: (string | null)[] = [];
    for (;;) {
      const message = await stream.message();
      if (message === null) throw new Error('the stream ended');
      before.push(message.event);
      if (message.comment === 'heartbeat') break;
    }
    // Comments only: graphql-sse's opening one, then ours.
    expect(before.every((event) => event === null)).toBe(true);
    stream.close();
  });

  it(`refuses a credential's stream beyond ${PER_CREDENTIAL} with 429 TOO_MANY_STREAMS, and opens one again once one is closed`, async () => {
    const session = await memberSession(api, shop, 'M-GREEDY');
    const streams = [];
    for (let n = 0; n < PER_CREDENTIAL; n += 1) streams.push(await subscribe(session));
    expect(streams.map((stream) => stream.status)).toEqual([200, 200, 200]);
    const refused = await subscribe(session);
    expect(refused.status).toBe(429);
    expect(JSON.parse((await refused.text) ?? '')).toEqual({
      errors: [
        {
          message: `this credential already holds ${PER_CREDENTIAL} open streams on this server (at most ${PER_CREDENTIAL}); close one before opening another`,
          extensions: { code: 'TOO_MANY_STREAMS' },
        },
      ],
    });
    // Another credential is not counted with it.
    const neighbour = await subscribe(await memberSession(api, shop, 'M-NEIGHBOUR'));
    expect(neighbour.status).toBe(200);
    neighbour.close();

    streams[0]?.close();
    let reopened: EventStream | undefined;
    expect(
      await eventually(async () => {
        const attempt = await subscribe(session);
        if (attempt.status === 200) reopened = attempt;
        return attempt.status === 200;
      }),
    ).toBe(true);
    for (const stream of [...streams, reopened]) stream?.close();
  });

  it('ends a member stream when the session expires, and the session is refused after', async () => {
    const issued = new Date(api.clock.now);
    const session = await api.at(issued, () => memberSession(api, shop, 'M-EXPIRING'));
    // Opened 300 ms before the session's 24 hours are up.
    const stream = await api.at(new Date(issued.getTime() + DAY - 300), () => subscribe(session));
    expect(stream.status).toBe(200);
    const last = await stream.ended();
    expect(last.at(-1)?.comment).toBe('closed: credential expired');
    const again = await api.at(new Date(issued.getTime() + DAY), () => subscribe(session));
    expect(again.status).toBe(401);
    expect(await again.text).toContain('the member session is invalid or expired');
  });

  it('ends the streams of a member session once the secret key that made it is rolled away', async () => {
    const third = await api.createStorefront();
    const session = await memberSession(api, third, 'M-REVOKED');
    const stream = await subscribe(session);
    expect(stream.status).toBe(200);
    const keys = await api.gql<{ node: { apiKeys: { id: string; kind: string }[] } }>(
      'query($id: ID!) { node(id: $id) { ... on Storefront { apiKeys { id kind } } } }',
      { id: third.id },
      api.operatorKey,
    );
    const secretKeyId = keys.body.data?.node.apiKeys.find((key) => key.kind === 'SECRET')?.id;
    const rolled = await api.gql<{ rollApiKey: { key: string | null } }>(
      ROLL_API_KEY,
      { input: { apiKeyId: secretKeyId, expiresInHours: 0 } },
      api.operatorKey,
    );
    api.secret(rolled.body.data?.rollApiKey.key ?? '');
    const last = await stream.ended();
    expect(last.at(-1)?.comment).toBe('closed: credential revoked');
  });

  it("applies /graphql's query limits and serves subscriptions only", async () => {
    const session = await memberSession(api, shop, 'M-LIMITS');
    const refusal = async (query: string, variables: Record<string, unknown> = {}) => {
      const stream = await subscribe(session, variables, {}, query);
      return { status: stream.status, body: JSON.parse((await stream.text) ?? 'null') };
    };
    const deep = await refusal(DEEP);
    expect(deep.status).toBe(400);
    expect(deep.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(deep.body.errors[0].message).toMatch(/depth/i);

    // The cost counts the variables, as on /graphql.
    const costly = await refusal(COSTLY, { n: 100 });
    expect(costly).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message: expect.stringMatching(/^Query cost limit of 50000 exceeded, found \d+\.$/),
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          },
        ],
      },
    });
    expect((await subscribe(session, { n: 2 }, {}, COSTLY)).status).toBe(200);

    expect(await refusal('{ policy { version } }')).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message:
              'only subscriptions are served at /graphql/stream; send queries and mutations to /graphql',
            extensions: { code: 'BAD_REQUEST' },
          },
        ],
      },
    });
    const typo = await refusal('subscription { claimUpdated { statuss } }');
    expect(typo.status).toBe(400);
    expect(typo.body.errors[0]).toMatchObject({
      message: 'Cannot query field "statuss" on type "Claim".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const badVariable = await refusal(CLAIM_UPDATED, { claimId: 7.5 });
    expect(badVariable.status).toBe(400);
    expect(badVariable.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const unparsable = await refusal('subscription {');
    expect(unparsable.status).toBe(400);
    expect(unparsable.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it("refuses a request without credential or event stream, and a publishable key's subscription (FORBIDDEN)", async () => {
    const anonymous = await subscribe(null);
    expect(anonymous.status).toBe(401);
    expect(JSON.parse((await anonymous.text) ?? '').errors[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );
    const wrongKey = await subscribe('sk_test_madeupmadeupmadeupmadeup');
    expect(wrongKey.status).toBe(401);

    const json = await fetch(`${api.url}/graphql/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${shop.secretKey}` },
      body: JSON.stringify({ query: CLAIM_UPDATED }),
    });
    expect(json.status).toBe(406);
    expect(await json.text()).toContain('Accept: text/event-stream');

    const publishable = await subscribe(
      shop.publishableKey,
      {},
      {
        origin: 'https://shop.example',
      },
    );
    expect(publishable.status).toBe(200);
    expect(await publishable.result()).toMatchObject({
      errors: [{ extensions: { code: 'FORBIDDEN' } }],
    });
  });

  it('lets a page on any origin read a member stream, a publishable key only from its origins, a secret key from none', async () => {
    const preflight = await fetch(`${api.url}/graphql/stream`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://member.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://member.example');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');

    const member = await subscribe(
      await memberSession(api, shop, 'M-CORS'),
      {},
      {
        origin: 'https://member.example',
      },
    );
    expect(member.status).toBe(200);
    expect(member.headers.get('access-control-allow-origin')).toBe('https://member.example');
    member.close();

    const foreign = await subscribe(shop.publishableKey, {}, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();

    const server = await subscribe(shop.secretKey, {}, { origin: 'https://member.example' });
    expect(server.status).toBe(200);
    expect(server.headers.get('access-control-allow-origin')).toBeNull();
    server.close();
  });

  it("serves graphql-sse's own client in distinct connections mode", async () => {
    const { claim, session } = await underReview({ memberId: 'M-CLIENT' });
    const client = createClient({
      url: `${api.url}/graphql/stream`,
      headers: { authorization: `Bearer ${session}` },
      retryAttempts: 0,
    });
    const heldBefore = api.server.http.streams.size;
    const received: unknown[] = [];
    let ready: () => void = () => {};
    const arrived = new Promise<void>((resolve) => {
      ready = resolve;
    });
    const subscription = client.iterate({
      query: 'subscription($claimId: ID) { claimUpdated(claimId: $claimId) { id status } }',
      variables: { claimId: claim.id },
    });
    const reading = (async () => {
      for await (const result of subscription) {
        received.push(result);
        ready();
        break;
      }
    })();
    // The library's client opens the stream when first iterated: wait until it is held.
    expect(await eventually(async () => api.server.http.streams.size > heldBefore)).toBe(true);
    await approve(claim.id);
    await arrived;
    await reading;
    client.dispose();
    expect(received).toEqual([{ data: { claimUpdated: { id: claim.id, status: 'APPROVED' } } }]);
  });
});

describe('/graphql', () => {
  it('answers a subscription with a 400 that points to /graphql/stream', async () => {
    const answer = await api.gql(CLAIM_UPDATED, {}, api.operatorKey);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      errors: [
        {
          message:
            'subscriptions are served as Server-Sent Events at /graphql/stream (Accept: text/event-stream)',
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    });
  });
});
