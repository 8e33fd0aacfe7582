// Issue A, purchases: purchaseGuarantee (idempotency key, ON CONFLICT insert, outbox event in
// one transaction) from 8 concurrent clients against PostgreSQL, each with its own order.
import { formatDecimal, POLICY_2026_11 } from '@lg/domain';
import postgres from 'postgres';
import { TokenSigner } from '../src/auth/signed-token.js';
import { issueQuote } from '../src/services/quotes/issue-quote.js';
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
const DATABASE = 'lg_bench_purchase';

export interface PurchaseBenchResult {
  clients: number;
  load: LoadResult;
  /** Guarantees committed per second, counted in the database. */
  purchasesPerSecond: number;
  committed: number;
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
    // A quote token buys one guarantee, so each purchase needs its own: signed here with the
    // server's secret, exactly as quoteGuarantee would (the quote path has its own benchmark).
    const signer = new TokenSigner(api.secret);
    const freshQuote = () => {
      const issued = issueQuote(
        signer,
        { policy: POLICY_2026_11, rate: null },
        api.demo.storefrontId,
        QUOTE_VARIABLES.input,
        new Date(),
      );
      if (!issued.ok) throw new Error(`quote refused: ${JSON.stringify(issued.errors)}`);
      return issued.value;
    };
    const productValue = { amount: formatDecimal(freshQuote().productValue), currencyCode: 'USD' };

    let counter = 0;
    const run = `${Date.now().toString(36)}`;
    const nextBody = () => {
      counter += 1;
      return JSON.stringify({
        query: PURCHASE_DOCUMENT,
        variables: {
          input: {
            quoteToken: freshQuote().token,
            productValue,
            orderNumber: `BENCH-${run}-${counter}`,
            memberId: `M${counter % 5000}`,
            memberEmail: `member${counter % 5000}@example.com`,
            idempotencyKey: `idem-${run}-${counter}`,
          },
        },
      });
    };
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
          setupRequest: (request: object) => ({ ...request, body: nextBody() }),
          onResponse: (status: number, body: string) => {
            if (failures.length < 5 && (status !== 200 || !body.includes('"userErrors":[]'))) {
              failures.push(`${status} ${body.slice(0, 300)}`);
            }
          },
        },
      ],
    });
    await load(options_(3));
    const [before] = await sql<{ n: number }[]>`select count(*)::int as n from guarantees`;
    const started = performance.now();
    const result = await load(options_(options.duration), api.child.pid);
    const seconds = (performance.now() - started) / 1000;
    const [after] = await sql<{ n: number }[]>`select count(*)::int as n from guarantees`;
    if (failures.length > 0) throw new Error(`purchases failed: ${failures.join('\n')}`);
    const committed = (after?.n ?? 0) - (before?.n ?? 0);
    const [outbox] = await sql<{ n: number }[]>`select count(*)::int as n from outbox_events`;
    const perSecond = committed / seconds;
    log(`${CLIENTS} clients: ${fmt(result)}`);
    log(
      `${committed.toLocaleString('en-US')} guarantees committed in ${seconds.toFixed(1)} s = ` +
        `${Math.round(perSecond).toLocaleString('en-US')} purchases/s ` +
        `(outbox events in the database: ${outbox?.n ?? 0})`,
    );
    return { clients: CLIENTS, load: result, purchasesPerSecond: perSecond, committed };
  } finally {
    await sql.end({ timeout: 5 });
    await api.stop();
  }
}
