// Purchases: purchaseGuarantee from 8 concurrent clients against PostgreSQL, each with its own
// order, beside the floor PostgreSQL sets on this machine: the same rows (idempotency key,
// guarantee, outbox event, its deliveries, NOTIFY) written directly with postgres.js in one
// transaction by 8 clients. Alternating rounds in one run; the ratio is the median round's.
import { randomUUID } from 'node:crypto';
import { formatDecimal, POLICY_2026_11 } from '@lg/domain';
import postgres from 'postgres';
import { TokenSigner } from '../src/auth/signed-token.js';
import { type IssuedQuote, issueQuote } from '../src/services/quotes/issue-quote.js';
import {
  type BenchOptions,
  fmt,
  type LoadResult,
  load,
  log,
  postJson,
  recreateDatabase,
  startApi,
} from './lib.js';
import { QUOTE_DOCUMENT, QUOTE_VARIABLES } from './quote.js';

const PURCHASE_DOCUMENT = `mutation Purchase($input: PurchaseGuaranteeInput!) { purchaseGuarantee(input: $input) { guarantee { id orderNumber status policyVersion fee { amount currencyCode } productValue { amount } purchasedAt } userErrors { field message code } } }`;

const CLIENTS = 8;
const ROUNDS = 3;
const DATABASE = 'lg_bench_purchase';

export interface FloorResult {
  transactions: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
}

export interface PurchaseRound {
  floor: FloorResult;
  /** The API's own statement sent directly: the ratio to it is what the API adds. */
  statement: FloorResult;
  statementRatio: number;
  purchases: LoadResult;
  /** Guarantees committed per second by the API, counted in the database. */
  purchasesPerSecond: number;
  ratio: number;
}

export interface PurchaseBenchResult {
  clients: number;
  rounds: PurchaseRound[];
  /** The median round by ratio. */
  median: PurchaseRound;
}

/** What a purchase request needs: a fresh quote token per purchase, signed as the server does. */
export interface PurchaseMaker {
  storefrontId: string;
  /** The request body of the next purchase (its own order number and idempotency key). */
  nextBody(): string;
  /** The fields of the next purchase, for the floor's direct writes. */
  nextRows(): FloorPurchase;
}

interface FloorPurchase {
  key: string;
  order: string;
  memberId: string;
  memberEmail: string;
  quote: IssuedQuote;
}

function purchaseMaker(
  secret: string,
  storefrontId: string,
  prefix = Date.now().toString(36),
): PurchaseMaker {
  // A quote token buys one guarantee, so each purchase needs its own: signed here with the
  // server's secret, exactly as quoteGuarantee would (the quote path has its own benchmark).
  const signer = new TokenSigner(secret);
  const freshQuote = () => {
    const issued = issueQuote(
      signer,
      { policy: POLICY_2026_11, rate: null },
      storefrontId,
      QUOTE_VARIABLES.input,
      new Date(),
    );
    if (!issued.ok) throw new Error(`quote refused: ${JSON.stringify(issued.errors)}`);
    return issued.value;
  };
  const productValue = {
    amount: formatDecimal(freshQuote().productValue),
    currencyCode: 'USD',
  };
  let counter = 0;
  return {
    storefrontId,
    nextBody() {
      counter += 1;
      return JSON.stringify({
        query: PURCHASE_DOCUMENT,
        variables: {
          input: {
            quoteToken: freshQuote().token,
            productValue,
            orderNumber: `BENCH-${prefix}-${counter}`,
            memberId: `M${counter % 5000}`,
            memberEmail: `member${counter % 5000}@example.com`,
            idempotencyKey: `idem-${prefix}-${counter}`,
          },
        },
      });
    },
    nextRows() {
      counter += 1;
      return {
        key: `floor-${prefix}-${counter}`,
        order: `FLOOR-${prefix}-${counter}`,
        memberId: `M${counter % 5000}`,
        memberEmail: `member${counter % 5000}@example.com`,
        quote: freshQuote(),
      };
    },
  };
}

/**
 * How the floor writes a purchase's rows with postgres.js (prepared statements):
 * - `transaction`: one transaction, its statements pipelined (BEGIN, the writes and the
 *   NOTIFY, COMMIT: three round trips), the floor of the issue;
 * - `statement`: one statement of data-modifying CTEs, as purchaseGuarantee now sends: what
 *   the API adds to its own SQL.
 */
export type FloorShape = 'transaction' | 'statement';

/** The floor: `clients` loops, each writing one purchase's rows at a time. */
async function runFloor(
  databaseUrl: string,
  maker: PurchaseMaker,
  clients: number,
  seconds: number,
  shape: FloorShape = 'transaction',
): Promise<FloorResult> {
  const sql = postgres(databaseUrl, { max: clients, onnotice: () => {} });
  try {
    const [storefront] = await sql<{ webhook_url: string | null }[]>`
      select webhook_url from storefronts where id = ${maker.storefrontId}`;
    const webhookUrl = storefront?.webhook_url || null;
    const latencies: number[] = [];
    const deadline = performance.now() + seconds * 1000;
    const started = performance.now();
    const write = async (): Promise<void> => {
      const p = maker.nextRows();
      const q = p.quote;
      const currency = q.productValue.currency;
      const id = randomUUID();
      const eventId = randomUUID();
      const now = new Date();
      const at = now.toISOString();
      const guarantee = {
        id,
        orderNumber: p.order,
        memberId: p.memberId,
        status: 'ACTIVE',
        productValue: { amount: formatDecimal(q.productValue), currencyCode: currency },
        fee: { amount: formatDecimal(q.fee), currencyCode: currency },
        policyVersion: q.policyVersion,
        purchasedAt: at,
        cancelledAt: null,
      };
      const storedQuote = {
        id: q.id,
        storefrontId: maker.storefrontId,
        currency,
        productValueMinor: q.productValue.minor,
        feeMinor: q.fee.minor,
        policyVersion: q.policyVersion,
        expiresAt: q.expiresAt.toISOString(),
        quotedAt: at,
        locale: null,
        preselected: false,
        surface: 'api',
      };
      const payload = { id: eventId, type: 'guarantee.purchased', createdAt: at, data: guarantee };
      const begun = performance.now();
      if (shape === 'statement') {
        await sql`
          with claimed as (
            insert into idempotency_keys (storefront_id, operation, key, request_hash, response)
            values (${maker.storefrontId}, 'purchaseGuarantee', ${p.key}, ${p.key},
                    ${sql.json({ guaranteeId: id })})
            on conflict do nothing
            returning 1
          ), guarantee as (
            insert into guarantees (id, storefront_id, order_number, member_id, member_email,
              currency, product_value_minor, fee_minor, policy_version, quote_id, quote, purchased_at)
            select ${id}::uuid, ${maker.storefrontId}::uuid, ${p.order}::text, ${p.memberId}::text,
              ${p.memberEmail}::text, ${currency}::text, ${q.productValue.minor}::bigint,
              ${q.fee.minor}::bigint, ${q.policyVersion}::text, ${q.id}::text,
              ${sql.json(storedQuote)}::jsonb, ${now}::timestamptz
             where exists (select 1 from claimed)
            returning 1
          ), event as (
            insert into outbox_events (id, storefront_id, type, aggregate_id, payload, created_at)
            select ${eventId}::uuid, ${maker.storefrontId}::uuid, 'guarantee.purchased', ${id}::uuid,
                   ${sql.json(payload)}::jsonb, ${now}::timestamptz
             where exists (select 1 from guarantee)
            returning seq
          ), targets as (
            insert into deliveries (id, event_id, event_seq, storefront_id, aggregate_id, channel,
                                    target, next_attempt_at, created_at)
            select gen_random_uuid(), ${eventId}::uuid, event.seq, ${maker.storefrontId}::uuid,
                   ${id}::uuid, target.channel, target.address, ${now}::timestamptz,
                   ${now}::timestamptz
              from event,
                   (values ('email', ${p.memberEmail}::text), ('webhook', ${webhookUrl}::text))
                     as target (channel, address)
             where target.address is not null
            returning 1
          )
          select (select count(*)::int from guarantee) as bought,
                 (select count(*)::int from (select pg_notify('lg_outbox', '')
                   where exists (select 1 from targets)) as notify) as notified`;
      } else {
        await sql.begin((tx) => [
          tx`insert into idempotency_keys (storefront_id, operation, key, request_hash, response)
             values (${maker.storefrontId}, 'purchaseGuarantee', ${p.key}, ${p.key},
                     ${tx.json({ guaranteeId: id })})`,
          tx`insert into guarantees (id, storefront_id, order_number, member_id, member_email,
               currency, product_value_minor, fee_minor, policy_version, quote_id, quote, purchased_at)
             values (${id}, ${maker.storefrontId}, ${p.order}, ${p.memberId}, ${p.memberEmail},
               ${currency}, ${q.productValue.minor}, ${q.fee.minor}, ${q.policyVersion}, ${q.id},
               ${tx.json(storedQuote)}, ${now})`,
          tx`with event as (
               insert into outbox_events (id, storefront_id, type, aggregate_id, payload, created_at)
               values (${eventId}, ${maker.storefrontId}, 'guarantee.purchased', ${id},
                       ${tx.json(payload)}, ${now})
               returning seq)
             insert into deliveries (id, event_id, event_seq, storefront_id, aggregate_id, channel,
                                     target, next_attempt_at, created_at)
             select gen_random_uuid(), ${eventId}, event.seq, ${maker.storefrontId}, ${id},
                    target.channel, target.address, ${now}, ${now}
               from event,
                    (values ('email', ${p.memberEmail}::text), ('webhook', ${webhookUrl}::text))
                      as target (channel, address)
              where target.address is not null`,
          tx`select pg_notify('lg_outbox', '')`,
        ]);
      }
      latencies.push(performance.now() - begun);
    };
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (performance.now() < deadline) await write();
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const at = (q: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
    return {
      transactions: latencies.length,
      perSecond: latencies.length / elapsed,
      p50: Math.round(at(0.5) * 10) / 10,
      p99: Math.round(at(0.99) * 10) / 10,
      max: Math.round(at(1) * 10) / 10,
    };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export async function benchPurchase(options: BenchOptions): Promise<PurchaseBenchResult> {
  const databaseUrl = await recreateDatabase(DATABASE);
  const api = await startApi({ databaseUrl, logLevel: options.logLevel });
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const quote = await postJson(
      `${api.url}/graphql`,
      { query: QUOTE_DOCUMENT, variables: QUOTE_VARIABLES },
      { authorization: `Bearer ${api.demo.publishableKey}` },
    );
    const served = (quote.json as { data?: { quoteGuarantee?: { quote?: { token?: string } } } })
      ?.data?.quoteGuarantee?.quote?.token;
    if (!served) throw new Error(`quote failed: ${quote.text.slice(0, 300)}`);
    const maker = purchaseMaker(api.secret, api.demo.storefrontId);

    const failures: string[] = [];
    const options_ = (duration: number) => ({
      url: `${api.url}/graphql`,
      connections: CLIENTS,
      duration,
      requests: [
        {
          method: 'POST' as const,
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${api.demo.secretKey}`,
          },
          setupRequest: (request: object) => ({ ...request, body: maker.nextBody() }),
          onResponse: (status: number, body: string) => {
            if (failures.length < 5 && (status !== 200 || !body.includes('"userErrors":[]'))) {
              failures.push(`${status} ${body.slice(0, 300)}`);
            }
          },
        },
      ],
    });
    const count = async () =>
      (await sql<{ n: number }[]>`select count(*)::int as n from guarantees`)[0]?.n ?? 0;

    await runFloor(databaseUrl, maker, CLIENTS, 2);
    await load(options_(3));
    const rounds: PurchaseRound[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      const floor = await runFloor(databaseUrl, maker, CLIENTS, options.duration);
      const statement = await runFloor(databaseUrl, maker, CLIENTS, options.duration, 'statement');
      const before = await count();
      const started = performance.now();
      const purchases = await load(options_(options.duration), api.child.pid);
      const seconds = (performance.now() - started) / 1000;
      const committed = (await count()) - before;
      if (failures.length > 0) throw new Error(`purchases failed: ${failures.join('\n')}`);
      const purchasesPerSecond = committed / seconds;
      const ratio = purchasesPerSecond / floor.perSecond;
      const statementRatio = purchasesPerSecond / statement.perSecond;
      rounds.push({ floor, statement, statementRatio, purchases, purchasesPerSecond, ratio });
      const perSecond = (n: number) => Math.round(n).toLocaleString('en-US');
      log(
        `round ${round}: floor ${perSecond(floor.perSecond)} tx/s (p50 ${floor.p50} ms, p99 ` +
          `${floor.p99} ms, max ${floor.max} ms) | the API's statement directly ` +
          `${perSecond(statement.perSecond)}/s (p99 ${statement.p99} ms) | purchases ` +
          `${perSecond(purchasesPerSecond)}/s (${fmt(purchases)}) | ratio to the floor ` +
          `${(ratio * 100).toFixed(1)} %, to the statement ${(statementRatio * 100).toFixed(1)} %`,
      );
    }
    const byRatio = [...rounds].sort((a, b) => a.ratio - b.ratio);
    const median = byRatio[Math.floor(byRatio.length / 2)] as PurchaseRound;
    const [outbox] = await sql<{ n: number }[]>`select count(*)::int as n from outbox_events`;
    log(
      `${CLIENTS} clients, median round: purchases ` +
        `${Math.round(median.purchasesPerSecond).toLocaleString('en-US')}/s against a floor of ` +
        `${Math.round(median.floor.perSecond).toLocaleString('en-US')} tx/s = ` +
        `${(median.ratio * 100).toFixed(1)} % (rounds ${byRatio.map((r) => (r.ratio * 100).toFixed(1)).join(', ')} %); ` +
        `p99 purchase ${median.purchases.p99} ms, floor ${median.floor.p99} ms; ` +
        `to the API's statement sent directly ${(median.statementRatio * 100).toFixed(1)} % ` +
        `(outbox events in the database: ${outbox?.n ?? 0})`,
    );
    return { clients: CLIENTS, rounds, median };
  } finally {
    await sql.end({ timeout: 5 });
    await api.stop();
  }
}
