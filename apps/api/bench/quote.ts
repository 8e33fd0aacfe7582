// Issue A, quote path: the widget's quoteGuarantee mutation against a bare node:http server
// returning the same JSON, same machine, same run. Throughput at saturation (ratio, p50/p99)
// and latency at a fixed 2,000 req/s. The API runs as production runs it: its start command,
// log level info by default (an access-log line per request), its log written to a file.
import { availableParallelism, cpus } from 'node:os';
import {
  type BenchOptions,
  countLines,
  fmt,
  type LoadResult,
  load,
  log,
  postJson,
  startApi,
  startBare,
} from './lib.js';

/** The document the checkout widget sends (packages/widget/src/api-client.ts). */
export const QUOTE_DOCUMENT = `mutation Quote($input: QuoteGuaranteeInput!) { quoteGuarantee(input: $input) { quote { id token productValue { amount currencyCode } fee { amount currencyCode } feeRate minimumFeeApplied policyVersion expiresAt maxCompensationPerPackage { amount currencyCode } } userErrors { field message code } } }`;

export const QUOTE_VARIABLES = {
  input: {
    currencyCode: 'USD',
    lines: [
      { sku: 'TEE-01', title: 'Organic cotton tee', unitPrice: '39.90', quantity: 2 },
      { sku: 'MUG-07', title: 'Enamel mug', unitPrice: '24.50', quantity: 1 },
    ],
  },
};

export interface QuoteBenchResult {
  conditions: {
    cpu: string;
    cores: number;
    node: string;
    logLevel: string;
    logTo: string;
    connections: number;
    seconds: number;
  };
  rounds: { bare: LoadResult; quote: LoadResult; ratio: number; cpuRatio: number | null }[];
  bare: LoadResult;
  quote: LoadResult;
  ratio: number;
  /** Median over rounds of bare CPU per request / quote CPU per request. */
  cpuRatio: number | null;
  /** The API's access-log lines for /graphql after it stopped, and the requests it was sent. */
  logLines: number | null;
  requestsSent: number;
  atRate: { rate: number; quote: LoadResult; bare: LoadResult };
}

const CONNECTIONS = 50;
const ROUNDS = 5;
const RATE = 2000;

export async function benchQuote(options: BenchOptions): Promise<QuoteBenchResult> {
  const connections = options.connections ?? CONNECTIONS;
  const logTo = options.logTo ?? 'file';
  const conditions = {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    node: process.version,
    logLevel: options.logLevel,
    logTo,
    connections,
    seconds: options.duration,
  };
  log(
    `quote on ${conditions.cpu}, ${conditions.cores} cores, Node ${conditions.node}; API log level ` +
      `${conditions.logLevel}, logging to a ${logTo === 'null' ? '/dev/null' : logTo}; ` +
      `${connections} connections, ${ROUNDS} rounds of ${options.duration} s`,
  );
  const api = await startApi({ logLevel: options.logLevel, logTo });
  let bare: Awaited<ReturnType<typeof startBare>> | null = null;
  let requestsSent = 0;
  let stopped = false;
  try {
    const origin = api.url;
    const headers = {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      authorization: `Bearer ${api.demo.publishableKey}`,
      origin,
    };
    const body = JSON.stringify({ query: QUOTE_DOCUMENT, variables: QUOTE_VARIABLES });
    const probe = await postJson(`${api.url}/graphql`, JSON.parse(body), headers);
    requestsSent += 1;
    const quote = (probe.json as { data?: { quoteGuarantee?: { quote?: { fee?: unknown } } } })
      ?.data?.quoteGuarantee?.quote;
    if (probe.status !== 200 || !quote?.fee) {
      throw new Error(`the quote probe failed: ${probe.status} ${probe.text.slice(0, 300)}`);
    }
    bare = await startBare(probe.text);
    log(`quote response: ${probe.text.length} bytes; bare server returns the same body`);

    const apiRun = async (extra: Partial<Parameters<typeof load>[0]> = {}) => {
      const result = await load(
        {
          url: `${api.url}/graphql`,
          method: 'POST',
          headers,
          body,
          connections,
          duration: options.duration,
          ...extra,
        },
        api.child.pid,
      );
      requestsSent += result.requests;
      return result;
    };
    const bareRun = (extra: Partial<Parameters<typeof load>[0]> = {}) =>
      load(
        {
          url: `${bare?.url}/graphql`,
          method: 'POST',
          headers,
          body,
          connections,
          duration: options.duration,
          ...extra,
        },
        bare?.child.pid,
      );

    // Warm-up: JIT, Apollo's document cache, the key cache.
    await apiRun({ duration: 3 });
    await bareRun({ duration: 3 });

    const rounds: QuoteBenchResult['rounds'] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const b = await bareRun();
      const q = await apiRun();
      const cpuRatio =
        b.cpuUsPerRequest && q.cpuUsPerRequest ? b.cpuUsPerRequest / q.cpuUsPerRequest : null;
      rounds.push({ bare: b, quote: q, ratio: q.rps / b.rps, cpuRatio });
      log(`round ${round + 1}: bare ${fmt(b)}`);
      log(
        `round ${round + 1}: quote ${fmt(q)} -> ${(100 * (q.rps / b.rps)).toFixed(1)}% of bare` +
          (cpuRatio === null ? '' : ` (by CPU per request: ${(100 * cpuRatio).toFixed(1)}%)`),
      );
    }
    const best = rounds.reduce((a, r) => (r.ratio > a.ratio ? r : a));
    const median = [...rounds].sort((a, b) => a.ratio - b.ratio)[Math.floor(rounds.length / 2)];
    if (!median) throw new Error('no rounds');
    const cpuRatios = rounds.flatMap((r) => (r.cpuRatio === null ? [] : [r.cpuRatio]));
    const cpuRatio =
      cpuRatios.length > 0
        ? ([...cpuRatios].sort((a, b) => a - b)[Math.floor(cpuRatios.length / 2)] ?? null)
        : null;
    log(
      `median ratio ${(100 * median.ratio).toFixed(1)}% (best ${(100 * best.ratio).toFixed(1)}%)` +
        `: quote ${Math.round(median.quote.rps).toLocaleString('en-US')} req/s against bare ` +
        `${Math.round(median.bare.rps).toLocaleString('en-US')} req/s in the same round` +
        (cpuRatio === null
          ? ''
          : `; by server CPU per request ${(100 * cpuRatio).toFixed(1)}% (median of the rounds' ` +
            `ratios; in the median round quote ${median.quote.cpuUsPerRequest} us, bare ` +
            `${median.bare.cpuUsPerRequest} us)`),
    );

    const atRateQuote = await apiRun({ overallRate: RATE });
    const atRateBare = await bareRun({ overallRate: RATE });
    log(`at ${RATE} req/s: quote ${fmt(atRateQuote)}`);
    log(`at ${RATE} req/s: bare ${fmt(atRateBare)}`);

    // Every request was logged, and the SIGTERM'd server wrote out what it held.
    await api.stopKeepingData();
    stopped = true;
    const logLines = logTo === 'null' ? null : countLines(api.logFile, '"path":"/graphql"');
    if (logLines !== null) {
      // autocannon does not count the requests still in flight when a run ends (at most one
      // per connection): those were answered and logged too.
      const runs = 2 + ROUNDS + 1;
      log(
        `API log: ${logLines.toLocaleString('en-US')} access-log lines for /graphql; ` +
          `${requestsSent.toLocaleString('en-US')} requests counted, up to ` +
          `${(runs * connections).toLocaleString('en-US')} more in flight at the ends of ${runs} runs ` +
          `(level ${options.logLevel})` +
          (options.logLevel === 'info' && logLines < requestsSent ? ': LINES MISSING' : ''),
      );
    }
    return {
      conditions,
      rounds,
      bare: median.bare,
      quote: median.quote,
      ratio: median.ratio,
      cpuRatio,
      logLines,
      requestsSent,
      atRate: { rate: RATE, quote: atRateQuote, bare: atRateBare },
    };
  } finally {
    await bare?.stop();
    if (stopped) api.cleanUp();
    else await api.stop();
  }
}
