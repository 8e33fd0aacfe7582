// The traffic of a working deployment, for the soak (bench/soak.ts, 10 minutes) and its CI
// version (soak.test.ts, 1 minute): quotes 80 %, purchases 10 %, package registrations and
// carrier events 8 %, claims and their uploads 2 %. Each request is one step of a flow: a
// purchase spends a token an earlier quote of the mix returned; a package is registered on an
// order the mix bought, then shipped and delivered; a delivered package gets a member session,
// an uploaded photo and a damage claim. A step whose flow has nothing ready runs the step
// before it instead (a claim with no delivered package advances a package).
import { Agent, request } from 'node:http';

/** The checkout widget's quote document (packages/widget's api-client sends the same). */
const QUOTE = `mutation Quote($input: QuoteGuaranteeInput!) { quoteGuarantee(input: $input) { quote { id token productValue { amount currencyCode } fee { amount currencyCode } feeRate minimumFeeApplied policyVersion expiresAt maxCompensationPerPackage { amount currencyCode } } userErrors { field message code } } }`;
const PURCHASE = `mutation Purchase($input: PurchaseGuaranteeInput!) { purchaseGuarantee(input: $input) { guarantee { id orderNumber status fee { amount currencyCode } purchasedAt } userErrors { field message code } } }`;
const REGISTER = `mutation Register($input: RegisterPackageInput!) { registerPackage(input: $input) { package { id trackingNumber status maxCompensation { amount } } userErrors { field message code } } }`;
const EVENT = `mutation Event($input: RecordPackageEventInput!) { recordPackageEvent(input: $input) { package { id status deliveredAt } userErrors { field message code } } }`;
const SESSION = `mutation Session($input: CreateMemberSessionInput!) { createMemberSession(input: $input) { token userErrors { field message code } } }`;
const UPLOAD = `mutation Upload($input: CreateDocumentUploadInput!) { createDocumentUpload(input: $input) { upload { documentId url } userErrors { field message code } } }`;
const FILE_CLAIM = `mutation File($input: FileClaimInput!) { fileClaim(input: $input) { claim { id reference status missingDocuments } userErrors { field message code } } }`;

const CARTS = [
  [
    { sku: 'TEE-01', title: 'Organic cotton tee', unitPrice: '39.90', quantity: 2 },
    { sku: 'MUG-07', title: 'Enamel mug', unitPrice: '24.50', quantity: 1 },
  ],
  [{ sku: 'LAMP-2', title: 'Desk lamp', unitPrice: '129.00', quantity: 1 }],
  [
    { sku: 'BOOT-9', title: 'Hiking boots', unitPrice: '189.95', quantity: 1 },
    { sku: 'SOCK-3', title: 'Wool socks', unitPrice: '12.00', quantity: 3 },
  ],
];
const ADDRESS = {
  line1: '1 Harbour Road',
  city: 'Springfield',
  region: 'IL',
  postalCode: '62701',
  countryCode: 'US',
};
/** A JPEG's first bytes: the upload route checks the bytes against the declared type. */
const PHOTO = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);
const MEMBERS = 200;

export type SoakOperation =
  | 'quote'
  | 'purchase'
  | 'package.register'
  | 'package.event'
  | 'claim.session'
  | 'claim.upload'
  | 'claim.put'
  | 'claim.file';

/** Shares of the mix's steps. */
const MIX = { quote: 0.8, purchase: 0.1, package: 0.08, claim: 0.02 } as const;

export interface SoakShop {
  publishableKey: string;
  secretKey: string;
  origin: string;
}

export interface Sample {
  operation: SoakOperation;
  /** When the request was sent (performance.now(), ms). */
  at: number;
  ms: number;
  ok: boolean;
}

interface Answer {
  status: number;
  text: string;
}

/** A storefront with a webhook endpoint (so every purchase and claim also queues a webhook). */
export async function createSoakShop(
  url: string,
  operatorKey: string,
  webhookUrl: string,
): Promise<SoakShop> {
  const origin = 'https://soak-shop.example';
  const answer = await graphql(
    url,
    `mutation($input: CreateStorefrontInput!) { createStorefront(input: $input) {
      publishableKey secretKey userErrors { code message } } }`,
    { input: { name: 'Soak Shop', allowedOrigins: [origin], webhookUrl } },
    { authorization: `Bearer ${operatorKey}` },
  );
  const created = (JSON.parse(answer.text) as { data?: { createStorefront?: SoakShop } }).data
    ?.createStorefront;
  if (!created?.secretKey) throw new Error(`createStorefront: ${answer.text.slice(0, 500)}`);
  return { publishableKey: created.publishableKey, secretKey: created.secretKey, origin };
}

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

function send(
  url: string,
  method: 'POST' | 'PUT',
  body: string | Buffer,
  headers: Record<string, string>,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        agent,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('timed out after 30 s')));
    req.on('error', reject);
    req.end(body);
  });
}

function graphql(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<Answer> {
  return send(`${url}/graphql`, 'POST', JSON.stringify({ query, variables }), {
    'content-type': 'application/json',
    ...headers,
  });
}

/** The payload of a mutation's answer, or why it is an error. */
function payloadOf(answer: Answer, field: string): Record<string, unknown> {
  if (answer.status !== 200) throw new Error(`HTTP ${answer.status}: ${answer.text.slice(0, 300)}`);
  const body = JSON.parse(answer.text) as {
    data?: Record<string, Record<string, unknown> | null> | null;
    errors?: unknown[];
  };
  const payload = body.data?.[field];
  if (body.errors || !payload) throw new Error(`${field}: ${answer.text.slice(0, 300)}`);
  const userErrors = payload.userErrors as unknown[] | undefined;
  if (userErrors && userErrors.length > 0) {
    throw new Error(`${field} refused: ${JSON.stringify(userErrors).slice(0, 300)}`);
  }
  return payload;
}

interface Quoted {
  token: string;
  productValue: { amount: string; currencyCode: string };
}
interface Order {
  orderNumber: string;
  memberId: string;
  value: number;
}
/** A package on its way; `busy` while one of its steps is answered (steps run in order). */
interface Shipment {
  trackingNumber: string;
  memberId: string;
  shipped: boolean;
  busy: boolean;
}
interface Delivered {
  trackingNumber: string;
  memberId: string;
  busy: boolean;
  documentId?: string;
  uploadUrl?: string;
  uploaded?: boolean;
}

/**
 * Runs the mix against one API: `step()` sends the next request the mix calls for and records
 * its latency; errors (a non-2xx answer, GraphQL errors, refusals) are counted with a sample.
 */
export class SoakMix {
  readonly samples: Sample[] = [];
  readonly errors: string[] = [];
  errorCount = 0;
  #counter = 0;
  readonly #run = Date.now().toString(36);
  readonly #quotes: Quoted[] = [];
  readonly #orders: Order[] = [];
  readonly #shipments: Shipment[] = [];
  readonly #delivered: Delivered[] = [];
  readonly #sessions = new Map<string, string>();
  #random: () => number;

  constructor(
    readonly url: string,
    readonly shop: SoakShop,
    seed = 42,
  ) {
    // A seeded generator: two runs send the same sequence of steps.
    let state = seed >>> 0;
    this.#random = () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  /** Sends the next step of the mix; never throws (a failure is counted). */
  async step(): Promise<void> {
    const roll = this.#random();
    if (roll < MIX.quote) return this.#quote();
    if (roll < MIX.quote + MIX.purchase) return this.#purchase();
    if (roll < MIX.quote + MIX.purchase + MIX.package) return this.#package();
    return this.#claim();
  }

  async #timed(operation: SoakOperation, work: () => Promise<void>): Promise<void> {
    const at = performance.now();
    let ok = true;
    try {
      await work();
    } catch (error) {
      ok = false;
      this.errorCount += 1;
      if (this.errors.length < 20) {
        this.errors.push(`${operation}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    this.samples.push({ operation, at, ms: performance.now() - at, ok });
  }

  #quote(): Promise<void> {
    const lines = CARTS[this.#counter % CARTS.length] as (typeof CARTS)[number];
    this.#counter += 1;
    return this.#timed('quote', async () => {
      const answer = await graphql(
        this.url,
        QUOTE,
        { input: { currencyCode: 'USD', lines } },
        { authorization: `Bearer ${this.shop.publishableKey}`, origin: this.shop.origin },
      );
      const quote = payloadOf(answer, 'quoteGuarantee').quote as Quoted;
      // The newest tokens are kept for purchases; a checkout buys within minutes of its quote.
      this.#quotes.push({ token: quote.token, productValue: quote.productValue });
      if (this.#quotes.length > 1000) this.#quotes.splice(0, 500);
    });
  }

  #purchase(): Promise<void> {
    const quote = this.#quotes.pop();
    if (!quote) return this.#quote();
    this.#counter += 1;
    const n = this.#counter;
    const memberId = `SOAK-M${n % MEMBERS}`;
    const orderNumber = `SOAK-${this.#run}-${n}`;
    return this.#timed('purchase', async () => {
      const answer = await graphql(
        this.url,
        PURCHASE,
        {
          input: {
            quoteToken: quote.token,
            productValue: quote.productValue,
            orderNumber,
            memberId,
            memberEmail: `${memberId.toLowerCase()}@example.com`,
            idempotencyKey: `soak-${this.#run}-${n}`,
          },
        },
        { authorization: `Bearer ${this.shop.secretKey}` },
      );
      payloadOf(answer, 'purchaseGuarantee');
      this.#orders.push({ orderNumber, memberId, value: Number(quote.productValue.amount) });
      if (this.#orders.length > 2000) this.#orders.splice(0, 1000);
    });
  }

  #package(): Promise<void> {
    const shipment = this.#shipments.find((candidate) => !candidate.busy);
    if (shipment) return this.#event(shipment);
    const order = this.#orders.pop();
    if (!order) return this.#purchase();
    this.#counter += 1;
    const trackingNumber = `SOAKTRK${this.#run.toUpperCase()}${this.#counter}`;
    const money = (amount: number) => ({ amount: amount.toFixed(2), currencyCode: 'USD' });
    return this.#timed('package.register', async () => {
      const answer = await graphql(
        this.url,
        REGISTER,
        {
          input: {
            orderNumber: order.orderNumber,
            trackingNumber,
            declaredValue: money(order.value),
            salePrice: money(Math.floor(order.value * 0.9)),
            shippingFee: money(9.5),
            estimatedWeightGrams: 900,
            deliveryAddress: ADDRESS,
            memberCenterAddress: ADDRESS,
          },
        },
        { authorization: `Bearer ${this.shop.secretKey}` },
      );
      payloadOf(answer, 'registerPackage');
      this.#shipments.push({
        trackingNumber,
        memberId: order.memberId,
        shipped: false,
        busy: false,
      });
    });
  }

  /** SHIPPED, then DELIVERED: a package with two carrier events. */
  #event(shipment: Shipment): Promise<void> {
    const type = shipment.shipped ? 'DELIVERED' : 'SHIPPED';
    shipment.busy = true;
    // A second in the past: the server refuses carrier events from its future.
    const occurredAt = new Date(Date.now() - (type === 'SHIPPED' ? 2000 : 1000)).toISOString();
    return this.#timed('package.event', async () => {
      const answer = await graphql(
        this.url,
        EVENT,
        {
          input: {
            trackingNumber: shipment.trackingNumber,
            type,
            occurredAt,
            ...(type === 'DELIVERED' ? { signedBy: 'J. Doe', actualWeightGrams: 880 } : {}),
          },
        },
        { authorization: `Bearer ${this.shop.secretKey}` },
      );
      payloadOf(answer, 'recordPackageEvent');
      shipment.shipped = true;
      if (type === 'DELIVERED') {
        this.#shipments.splice(this.#shipments.indexOf(shipment), 1);
        this.#delivered.push({
          trackingNumber: shipment.trackingNumber,
          memberId: shipment.memberId,
          busy: false,
        });
      }
    }).finally(() => {
      shipment.busy = false;
    });
  }

  #claim(): Promise<void> {
    const parcel = this.#delivered.find((candidate) => !candidate.busy);
    if (!parcel) return this.#package();
    parcel.busy = true;
    const done = () => {
      parcel.busy = false;
    };
    const session = this.#sessions.get(parcel.memberId);
    if (!session) {
      return this.#timed('claim.session', async () => {
        const answer = await graphql(
          this.url,
          SESSION,
          {
            input: {
              memberId: parcel.memberId,
              email: `${parcel.memberId.toLowerCase()}@example.com`,
            },
          },
          { authorization: `Bearer ${this.shop.secretKey}` },
        );
        this.#sessions.set(
          parcel.memberId,
          payloadOf(answer, 'createMemberSession').token as string,
        );
      }).finally(done);
    }
    if (!parcel.uploadUrl) {
      return this.#timed('claim.upload', async () => {
        const answer = await graphql(
          this.url,
          UPLOAD,
          {
            input: {
              kind: 'CONTENTS_PHOTO',
              fileName: 'contents.jpg',
              contentType: 'image/jpeg',
              byteSize: PHOTO.length,
            },
          },
          { authorization: `Bearer ${session}` },
        );
        const upload = payloadOf(answer, 'createDocumentUpload').upload as {
          documentId: string;
          url: string;
        };
        parcel.documentId = upload.documentId;
        parcel.uploadUrl = upload.url;
      }).finally(done);
    }
    if (!parcel.uploaded) {
      return this.#timed('claim.put', async () => {
        const answer = await send(`${this.url}${parcel.uploadUrl}`, 'PUT', PHOTO, {
          'content-type': 'image/jpeg',
        });
        if (answer.status !== 201) throw new Error(`upload PUT ${answer.status}: ${answer.text}`);
        parcel.uploaded = true;
      }).finally(done);
    }
    this.#delivered.splice(this.#delivered.indexOf(parcel), 1);
    return this.#timed('claim.file', async () => {
      const answer = await graphql(
        this.url,
        FILE_CLAIM,
        {
          input: {
            trackingNumber: parcel.trackingNumber,
            type: 'DAMAGE',
            description: 'The lamp arrived with a cracked base',
            documentIds: [parcel.documentId],
          },
        },
        { authorization: `Bearer ${session}` },
      );
      payloadOf(answer, 'fileClaim');
    });
  }
}

/**
 * Sends `rate` steps a second for `seconds` (open loop: a step is started on time whether or
 * not earlier ones have answered, at most `maxInFlight` at once), then waits for the last.
 * Returns how late the generator itself started steps (p99, ms): its own share of the tail.
 */
export async function runAtRate(
  mix: SoakMix,
  rate: number,
  seconds: number,
  maxInFlight = 256,
): Promise<{ sent: number; skipped: number; lateP99: number }> {
  const started = performance.now();
  const interval = 1000 / rate;
  const total = Math.floor(rate * seconds);
  const late: number[] = [];
  const pending = new Set<Promise<void>>();
  let skipped = 0;
  let sent = 0;
  for (let i = 0; i < total; i += 1) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    late.push(Math.max(0, performance.now() - due));
    if (pending.size >= maxInFlight) {
      skipped += 1;
      continue;
    }
    const step = mix.step();
    pending.add(step);
    void step.then(() => pending.delete(step));
    sent += 1;
  }
  await Promise.all(pending);
  late.sort((a, b) => a - b);
  return { sent, skipped, lateP99: late[Math.floor(late.length * 0.99)] ?? 0 };
}

/** Closed loop, `clients` at a time for `seconds`: the steps per second the server sustains. */
export async function measureCapacity(
  mix: SoakMix,
  clients: number,
  seconds: number,
): Promise<number> {
  const deadline = performance.now() + seconds * 1000;
  let steps = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        await mix.step();
        steps += 1;
      }
    }),
  );
  return steps / ((performance.now() - started) / 1000);
}

/** The nearest-rank percentile of `values` (sorted here). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}
