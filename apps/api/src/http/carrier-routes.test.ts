// Carrier feeds end to end: configureCarrierFeed, then the providers' webhooks posted over HTTP
// in their documented formats, signed over the raw body (POLICY R12, R14, R15, R16).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AfterShipCheckpoint,
  afterShipSignature,
  afterShipTrackingUpdate,
  type EasyPostDetail,
  easyPostSignature,
  easyPostTrackerEvent,
} from '../test-support/carrier-fixtures.js';
import {
  readJson,
  startTestApi,
  type TestApi,
  type TestStorefront,
} from '../test-support/harness.js';
import {
  CANCEL,
  guaranteedPackage,
  recordEvent,
  type UserErrors,
} from '../test-support/operations.js';
import { MAX_CARRIER_BODY_BYTES } from './carrier-routes.js';

let api: TestApi;
let shop: TestStorefront;
let easyPost: Feed;
let afterShip: Feed;
const HOUR = 3_600_000;
const ago = (ms: number) => new Date(api.clock.now.getTime() - ms).toISOString();

interface Feed {
  url: string;
  secret: string;
}

const CONFIGURE = `mutation($input: ConfigureCarrierFeedInput!) { configureCarrierFeed(input: $input) {
  url secret carrierFeed { provider url previousSecretExpiresAt } userErrors { code field message } } }`;

type ConfigureResult = {
  configureCarrierFeed: {
    url: string | null;
    secret: string | null;
    carrierFeed: { provider: string; url: string; previousSecretExpiresAt: string | null } | null;
    userErrors: UserErrors;
  };
};

async function configure(
  target: TestStorefront,
  input: Record<string, unknown>,
  credential = target.secretKey,
) {
  const result = await api.gql<ConfigureResult>(CONFIGURE, { input }, credential);
  const payload = result.body.data?.configureCarrierFeed;
  if (payload?.secret) api.secret(payload.secret);
  return { result, payload };
}

async function feed(target: TestStorefront, provider: string): Promise<Feed> {
  const { payload } = await configure(target, { provider });
  if (!payload?.url || !payload.secret) throw new Error(`no feed: ${JSON.stringify(payload)}`);
  return { url: payload.url, secret: payload.secret };
}

function post(url: string, raw: string | Buffer, headers: Record<string, string> = {}) {
  return fetch(`${api.url}${url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: raw,
  });
}

function postEasyPost(target: Feed, body: unknown, secret = target.secret) {
  const raw = JSON.stringify(body);
  return post(target.url, raw, { 'x-hmac-signature': easyPostSignature(raw, secret) });
}

function postAfterShip(target: Feed, body: unknown, secret = target.secret) {
  const raw = JSON.stringify(body);
  return post(target.url, raw, { 'aftership-hmac-sha256': afterShipSignature(raw, secret) });
}

type PackageState = {
  status: string;
  flags: string[];
  shippedAt: string | null;
  arrivedAt: string | null;
  deliveredAt: string | null;
  lostAt: string | null;
  signedBy: string | null;
  actualWeightGrams: number | null;
};

async function packageState(packageId: string): Promise<PackageState> {
  const result = await api.gql<{ node: PackageState }>(
    `query($id: ID!) { node(id: $id) { ... on Package {
      status flags shippedAt arrivedAt deliveredAt lostAt signedBy actualWeightGrams } } }`,
    { id: packageId },
    shop.secretKey,
  );
  if (!result.body.data?.node) throw new Error(JSON.stringify(result.body));
  return result.body.data.node;
}

beforeAll(async () => {
  api = await startTestApi();
  shop = await api.createStorefront();
  easyPost = await feed(shop, 'EASYPOST');
  afterShip = await feed(shop, 'AFTERSHIP');
});
afterAll(() => api?.close());

describe('configureCarrierFeed', () => {
  it("returns the feed's URL on the storefront and a secret shown once", async () => {
    const { payload } = await configure(shop, { provider: 'EASYPOST' });
    expect(payload?.userErrors).toEqual([]);
    expect(payload?.url).toMatch(/^\/carriers\/easypost\/[0-9a-f-]{36}$/);
    expect(payload?.carrierFeed).toMatchObject({ provider: 'EASYPOST', url: payload?.url });
    expect(payload?.secret).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
    const aftership = await configure(shop, {
      provider: 'AFTERSHIP',
      secret: 'as-account-secret-0123456789',
    });
    expect(aftership.payload?.url).toBe(payload?.url?.replace('easypost', 'aftership'));
    expect(aftership.payload?.secret).toBe('as-account-secret-0123456789');
    // Put the feeds back to the secrets the other tests sign with.
    easyPost = await feed(shop, 'EASYPOST');
    afterShip = await feed(shop, 'AFTERSHIP');
  });

  it('takes secret keys only, and refuses a provider secret that is too short', async () => {
    const other = await api.createStorefront();
    for (const credential of [other.publishableKey, api.operatorKey, null]) {
      const { result } = await configure(other, { provider: 'EASYPOST' }, credential as string);
      expect(result.body.errors?.[0]?.extensions?.code, JSON.stringify(result.body)).toMatch(
        /FORBIDDEN|UNAUTHENTICATED/,
      );
    }
    const { payload } = await configure(other, { provider: 'AFTERSHIP', secret: 'short' });
    expect(payload?.secret).toBeNull();
    expect(payload?.userErrors[0]).toMatchObject({
      code: 'INVALID_INPUT',
      field: ['input', 'secret'],
    });
  });
});

describe('POST /carriers/easypost/:storefrontId', () => {
  it('R12 R14 R15 records in transit, out for delivery, available for pickup and a signed delivery with the carrier times', async () => {
    const pkg = await guaranteedPackage(api, shop);
    const details: EasyPostDetail[] = [
      { status: 'pre_transit', status_detail: 'label_created', datetime: ago(100 * HOUR) },
      { status: 'in_transit', status_detail: 'arrived_at_facility', datetime: ago(90 * HOUR) },
      { status: 'out_for_delivery', status_detail: 'out_for_delivery', datetime: ago(60 * HOUR) },
      {
        status: 'available_for_pickup',
        status_detail: 'arrived_at_pickup_location',
        datetime: ago(50 * HOUR),
      },
    ];
    const response = await postEasyPost(
      easyPost,
      easyPostTrackerEvent(pkg.trackingNumber, details),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, recorded: 3, repeated: 0, ignored: 1 });
    expect(await packageState(pkg.packageId)).toMatchObject({
      status: 'ARRIVED_AT_DESTINATION',
      shippedAt: ago(90 * HOUR),
      arrivedAt: ago(50 * HOUR),
      deliveredAt: null,
    });

    const delivered = [
      ...details,
      { status: 'delivered', status_detail: 'arrived_at_destination', datetime: ago(2 * HOUR) },
    ];
    const second = await postEasyPost(
      easyPost,
      easyPostTrackerEvent(pkg.trackingNumber, delivered, { signed_by: 'JANE DOE', weight: 35.3 }),
    );
    expect(await second.json()).toEqual({ received: true, recorded: 1, repeated: 3, ignored: 1 });
    const state = await packageState(pkg.packageId);
    expect(state).toMatchObject({
      status: 'DELIVERED',
      deliveredAt: ago(2 * HOUR),
      signedBy: 'JANE DOE',
      actualWeightGrams: 1001,
    });
    expect(state.flags).not.toContain('NO_SIGNATURE');
  });

  it('R12 flags a delivery the carrier reports without a signer', async () => {
    const pkg = await guaranteedPackage(api, shop);
    await postEasyPost(
      easyPost,
      easyPostTrackerEvent(pkg.trackingNumber, [
        { status: 'delivered', status_detail: 'arrived_at_destination', datetime: ago(HOUR) },
      ]),
    );
    const state = await packageState(pkg.packageId);
    expect(state.status).toBe('DELIVERED');
    expect(state.flags).toContain('NO_SIGNATURE');
  });

  it('R16 marks the package LOST from failure/lost, and not from a mere exception', async () => {
    const pkg = await guaranteedPackage(api, shop);
    const shipped: EasyPostDetail = {
      status: 'in_transit',
      status_detail: 'in_transit',
      datetime: ago(200 * HOUR),
    };
    await postEasyPost(
      easyPost,
      easyPostTrackerEvent(pkg.trackingNumber, [
        shipped,
        { status: 'failure', status_detail: 'delivery_exception', datetime: ago(150 * HOUR) },
      ]),
    );
    expect((await packageState(pkg.packageId)).status).toBe('SHIPPED');
    await postEasyPost(
      easyPost,
      easyPostTrackerEvent(pkg.trackingNumber, [
        shipped,
        { status: 'failure', status_detail: 'lost', datetime: ago(100 * HOUR) },
      ]),
    );
    expect(await packageState(pkg.packageId)).toMatchObject({
      status: 'LOST',
      lostAt: ago(100 * HOUR),
    });
  });

  it('refuses a wrong secret, a missing signature and a body other than the one signed with 401, writing nothing', async () => {
    const pkg = await guaranteedPackage(api, shop);
    const body = easyPostTrackerEvent(pkg.trackingNumber, [
      { status: 'in_transit', status_detail: 'in_transit', datetime: ago(HOUR) },
    ]);
    const raw = JSON.stringify(body);
    const pretty = JSON.stringify(body, null, 2);
    const attempts = [
      post(easyPost.url, raw, {
        'x-hmac-signature': easyPostSignature(raw, 'whsec_not-the-feed-secret'),
      }),
      post(easyPost.url, raw),
      post(easyPost.url, raw, { 'x-hmac-signature': 'hmac-sha256-hex=00' }),
      // The same JSON re-serialised is other bytes: only the raw body is verified.
      post(easyPost.url, pretty, { 'x-hmac-signature': easyPostSignature(raw, easyPost.secret) }),
      // AfterShip's scheme with the right secret is still no EasyPost signature.
      post(easyPost.url, raw, {
        'aftership-hmac-sha256': afterShipSignature(raw, easyPost.secret),
      }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(401);
      expect((await readJson(response)).error.code).toBe('UNAUTHORIZED');
    }
    expect(await packageState(pkg.packageId)).toMatchObject({
      status: 'REGISTERED',
      shippedAt: null,
    });
    // The bytes as sent are what is signed, whatever their layout.
    const signed = await post(easyPost.url, pretty, {
      'x-hmac-signature': easyPostSignature(pretty, easyPost.secret),
    });
    expect(signed.status).toBe(200);
    expect((await packageState(pkg.packageId)).status).toBe('SHIPPED');
  });

  it('answers an unknown storefront, one without this feed and a malformed id alike with 401', async () => {
    const body = JSON.stringify(easyPostTrackerEvent('EZ-ANY', []));
    const signature = { 'x-hmac-signature': easyPostSignature(body, easyPost.secret) };
    const noFeed = await api.createStorefront();
    const storefrontId = easyPost.url.split('/').at(-1) as string;
    const answers = await Promise.all([
      post(`/carriers/easypost/${randomUUID()}`, body, signature),
      post(`/carriers/easypost/not-a-uuid`, body, signature),
      post(easyPost.url.replace(storefrontId, noFeedId(noFeed)), body, signature),
    ]);
    const bodies = await Promise.all(answers.map((r) => r.json()));
    expect(answers.map((r) => r.status)).toEqual([401, 401, 401]);
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect((await post('/carriers/fedex/x', body)).status).toBe(404);
    expect((await fetch(`${api.url}${easyPost.url}`)).status).toBe(405);
  });

  it('answers a repeated delivery 200 and changes nothing', async () => {
    const pkg = await guaranteedPackage(api, shop);
    const raw = JSON.stringify(
      easyPostTrackerEvent(
        pkg.trackingNumber,
        [
          { status: 'in_transit', status_detail: 'in_transit', datetime: ago(30 * HOUR) },
          { status: 'delivered', status_detail: 'arrived_at_destination', datetime: ago(3 * HOUR) },
        ],
        { signed_by: 'A. Signer' },
      ),
    );
    const headers = { 'x-hmac-signature': easyPostSignature(raw, easyPost.secret) };
    expect((await post(easyPost.url, raw, headers)).status).toBe(200);
    const before = await packageState(pkg.packageId);
    for (let i = 0; i < 3; i += 1) {
      const again = await post(easyPost.url, raw, headers);
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual({ received: true, recorded: 0, repeated: 2, ignored: 0 });
    }
    expect(await packageState(pkg.packageId)).toEqual(before);
  });

  it('answers an unknown tracking number 200, writes nothing and logs it', async () => {
    const response = await postEasyPost(
      easyPost,
      easyPostTrackerEvent('EZ-NOBODY-999', [
        { status: 'in_transit', status_detail: 'in_transit', datetime: ago(HOUR) },
      ]),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ received: true, recorded: 0 });
    expect(api.logs()).toContain('no package with this tracking number');
    expect(api.logs()).toContain('EZ-NOBODY-999');
  });

  it("answers other EasyPost events 200 without reading a tracker, and a signed body that isn't an Event 400", async () => {
    const other = await postEasyPost(
      easyPost,
      easyPostTrackerEvent('EZ1', [], { description: 'batch.updated' }),
    );
    expect(other.status).toBe(200);
    expect((await postEasyPost(easyPost, { hello: 'world' })).status).toBe(400);
    const notJson = 'not json';
    const garbage = await post(easyPost.url, notJson, {
      'x-hmac-signature': easyPostSignature(notJson, easyPost.secret),
    });
    expect(garbage.status).toBe(400);
  });

  it('R2 a package shipped by the feed keeps its guarantee from being cancelled, as with recordPackageEvent', async () => {
    const pkg = await guaranteedPackage(api, shop);
    await postEasyPost(
      easyPost,
      easyPostTrackerEvent(pkg.trackingNumber, [
        { status: 'in_transit', status_detail: 'in_transit', datetime: ago(HOUR) },
      ]),
    );
    const cancel = await api.gql<{ cancelGuarantee: { userErrors: UserErrors } }>(
      CANCEL,
      { input: { guaranteeId: pkg.guarantee.id } },
      shop.secretKey,
    );
    expect(cancel.body.data?.cancelGuarantee.userErrors[0]?.code).toBe('PACKAGE_ALREADY_SHIPPED');
  });
});

function noFeedId(storefront: TestStorefront): string {
  return Buffer.from(storefront.id, 'base64').toString('utf8').split(':').at(-1) as string;
}

describe('POST /carriers/aftership/:storefrontId', () => {
  const checkpoints = (): AfterShipCheckpoint[] => [
    { tag: 'InfoReceived', subtag: 'InfoReceived_001', checkpoint_time: ago(120 * HOUR) },
    { tag: 'InTransit', subtag: 'InTransit_002', checkpoint_time: ago(100 * HOUR) },
    { tag: 'OutForDelivery', subtag: 'OutForDelivery_001', checkpoint_time: ago(80 * HOUR) },
    {
      tag: 'AvailableForPickup',
      subtag: 'AvailableForPickup_001',
      checkpoint_time: ago(70 * HOUR),
    },
    { tag: 'Delivered', subtag: 'Delivered_003', checkpoint_time: ago(5 * HOUR) },
  ];

  it('R12 R14 R15 records the checkpoints with their times and the signer', async () => {
    const pkg = await guaranteedPackage(api, shop);
    const response = await postAfterShip(
      afterShip,
      afterShipTrackingUpdate(pkg.trackingNumber, checkpoints(), { signed_by: 'R. ROE' }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, recorded: 4, repeated: 0, ignored: 1 });
    expect(await packageState(pkg.packageId)).toMatchObject({
      status: 'DELIVERED',
      shippedAt: ago(100 * HOUR),
      arrivedAt: ago(70 * HOUR),
      deliveredAt: ago(5 * HOUR),
      signedBy: 'R. ROE',
    });
  });

  it('R16 marks the package LOST from Exception_013 only', async () => {
    const pkg = await guaranteedPackage(api, shop);
    const shipped = { tag: 'InTransit', subtag: 'InTransit_001', checkpoint_time: ago(300 * HOUR) };
    await postAfterShip(
      afterShip,
      afterShipTrackingUpdate(pkg.trackingNumber, [
        shipped,
        { tag: 'Exception', subtag: 'Exception_012', checkpoint_time: ago(200 * HOUR) },
        { tag: 'Exception', subtag: 'Exception_011', checkpoint_time: ago(190 * HOUR) },
      ]),
    );
    expect((await packageState(pkg.packageId)).status).toBe('SHIPPED');
    await postAfterShip(
      afterShip,
      afterShipTrackingUpdate(pkg.trackingNumber, [
        shipped,
        { tag: 'Exception', subtag: 'Exception_013', checkpoint_time: ago(100 * HOUR) },
      ]),
    );
    expect(await packageState(pkg.packageId)).toMatchObject({
      status: 'LOST',
      lostAt: ago(100 * HOUR),
    });
  });

  it('refuses the wrong secret and the EasyPost scheme with 401, writing nothing', async () => {
    const pkg = await guaranteedPackage(api, shop);
    const body = afterShipTrackingUpdate(pkg.trackingNumber, checkpoints());
    const raw = JSON.stringify(body);
    expect((await postAfterShip(afterShip, body, 'as-wrong-secret-0123456789')).status).toBe(401);
    expect(
      (
        await post(afterShip.url, raw, {
          'x-hmac-signature': easyPostSignature(raw, afterShip.secret),
        })
      ).status,
    ).toBe(401);
    expect((await post(afterShip.url, raw)).status).toBe(401);
    expect((await packageState(pkg.packageId)).status).toBe('REGISTERED');
  });

  it('gives the same package state whatever order the deliveries arrive in, as the same events by recordPackageEvent do', async () => {
    const all = checkpoints();
    const lostLater = {
      tag: 'Exception',
      subtag: 'Exception_013',
      checkpoint_time: ago(60 * HOUR),
    };
    // Each delivery carries part of the history, as a provider's retries and updates can.
    const deliveries = [
      [all[1]],
      [all[1], all[2]],
      [lostLater],
      [all[3]],
      [all[4]],
      [all[2], all[4]],
    ].map((part) => part as AfterShipCheckpoint[]);
    const orders = [
      [0, 1, 2, 3, 4, 5],
      [5, 4, 3, 2, 1, 0],
      [3, 0, 5, 2, 4, 1],
    ];
    const states: PackageState[] = [];
    for (const order of orders) {
      const pkg = await guaranteedPackage(api, shop);
      for (const i of order) {
        const response = await postAfterShip(
          afterShip,
          afterShipTrackingUpdate(pkg.trackingNumber, deliveries[i] as AfterShipCheckpoint[], {
            signed_by: 'R. ROE',
          }),
        );
        expect(response.status).toBe(200);
      }
      states.push(await packageState(pkg.packageId));
    }
    // By hand, through recordPackageEvent, in order.
    const manual = await guaranteedPackage(api, shop);
    await recordEvent(api, shop, manual.trackingNumber, 'SHIPPED', new Date(ago(100 * HOUR)));
    await recordEvent(
      api,
      shop,
      manual.trackingNumber,
      'ARRIVED_AT_DESTINATION',
      new Date(ago(70 * HOUR)),
    );
    await recordEvent(api, shop, manual.trackingNumber, 'LOST', new Date(ago(60 * HOUR)));
    await recordEvent(api, shop, manual.trackingNumber, 'DELIVERED', new Date(ago(5 * HOUR)), {
      signedBy: 'R. ROE',
    });
    const expected = await packageState(manual.packageId);
    expect(expected).toMatchObject({
      status: 'DELIVERED',
      lostAt: ago(60 * HOUR),
      shippedAt: ago(100 * HOUR),
    });
    for (const state of states) expect(state).toEqual(expected);
  });
});

describe('secret rotation', () => {
  it('keeps the previous secret verifying for 24 hours, then refuses it', async () => {
    const own = await api.createStorefront();
    const first = await feed(own, 'AFTERSHIP');
    const pkg = await guaranteedPackage(api, own);
    const { payload } = await configure(own, { provider: 'AFTERSHIP' });
    const second = { url: first.url, secret: payload?.secret as string };
    expect(second.secret).not.toBe(first.secret);
    expect(Date.parse(payload?.carrierFeed?.previousSecretExpiresAt ?? '')).toBe(
      api.clock.now.getTime() + 24 * HOUR,
    );
    const body = (hoursAgo: number) =>
      afterShipTrackingUpdate(pkg.trackingNumber, [
        { tag: 'InTransit', subtag: 'InTransit_001', checkpoint_time: ago(hoursAgo * HOUR) },
      ]);
    expect((await postAfterShip(second, body(50))).status).toBe(200);
    expect((await postAfterShip(first, body(49))).status).toBe(200);
    const later = new Date(api.clock.now.getTime() + 24 * HOUR + 1000);
    await api.at(later, async () => {
      expect((await postAfterShip(first, body(48))).status).toBe(401);
      expect((await postAfterShip(second, body(48))).status).toBe(200);
    });
  });

  it('ends the previous secret at once when asked to revoke it', async () => {
    const own = await api.createStorefront();
    const first = await feed(own, 'EASYPOST');
    const { payload } = await configure(own, { provider: 'EASYPOST', revokePreviousSecret: true });
    expect(payload?.carrierFeed?.previousSecretExpiresAt).toBeNull();
    const body = easyPostTrackerEvent('EZ-ROTATED', []);
    expect((await postEasyPost(first, body)).status).toBe(401);
    expect(
      (await postEasyPost({ url: first.url, secret: payload?.secret as string }, body)).status,
    ).toBe(200);
  });
});

describe('bounds', () => {
  it('refuses a body over the limit with 413, writing nothing', async () => {
    const pkg = await guaranteedPackage(api, shop);
    const body = easyPostTrackerEvent(pkg.trackingNumber, [
      {
        status: 'in_transit',
        status_detail: 'in_transit',
        datetime: ago(HOUR),
        message: 'x'.repeat(MAX_CARRIER_BODY_BYTES),
      },
    ]);
    const response = await postEasyPost(easyPost, body);
    expect(response.status).toBe(413);
    expect((await readJson(response)).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await packageState(pkg.packageId)).status).toBe('REGISTERED');
  });

  it('answers a storefront over its rate 429 with Retry-After, other storefronts unaffected', async () => {
    const limited = await startTestApi({ env: { LG_RATE_LIMITS: 'carrier=3' } });
    try {
      const gql = limited.gql.bind(limited);
      const setUp = async () => {
        const target = await limited.createStorefront();
        const result = await gql<ConfigureResult>(
          CONFIGURE,
          { input: { provider: 'EASYPOST' } },
          target.secretKey,
        );
        const payload = result.body.data?.configureCarrierFeed;
        limited.secret(payload?.secret as string);
        return { url: payload?.url as string, secret: payload?.secret as string };
      };
      const [one, two] = [await setUp(), await setUp()];
      const send = (target: Feed) => {
        const raw = JSON.stringify(easyPostTrackerEvent('EZ-FLOOD', []));
        return fetch(`${limited.url}${target.url}`, {
          method: 'POST',
          headers: { 'x-hmac-signature': easyPostSignature(raw, target.secret) },
          body: raw,
        });
      };
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await send(one)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const refused = await send(one);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await send(two)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
