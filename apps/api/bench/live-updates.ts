// `pnpm --filter @lg/api run bench:live`: how long a claim decision made through one API
// instance takes to reach the /graphql/stream subscribers of another, on PostgreSQL.
// Two built API processes (`dist/main.js`) share a seeded database; S operator streams are
// open on instance B (`subscription { claimUpdated { id status decision { outcome } } }`);
// decisions are sent to instance A one after another, `--every` ms apart. For each decision:
//   round trip: decideClaim sent -> its answer received from A;
//   delivery:   decideClaim sent -> the update received on each of B's streams.
// The mutation's own time is part of "delivery" (the commit happens inside it), so delivery
// minus round trip is about what the NOTIFY, the fan-out and the re-read of the claim add.
//   pnpm --filter @lg/api run bench:live -- [--streams=100] [--decisions=50] [--every=100]
import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import { log, startApi } from './lib.js';
import { seedClaims } from './seed-claims.js';

interface Options {
  streams: number;
  decisions: number;
  everyMs: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { streams: 100, decisions: 50, everyMs: 100 };
  for (const arg of argv) {
    if (arg === '--') continue;
    const [flag, value = ''] = arg.split('=', 2);
    if (flag === '--streams') options.streams = Number(value);
    else if (flag === '--decisions') options.decisions = Number(value);
    else if (flag === '--every') options.everyMs = Number(value);
    else throw new Error(`unknown argument ${arg}`);
  }
  return options;
}

const SUBSCRIPTION = 'subscription { claimUpdated { id status decision { outcome } } }';
const DECIDE = `mutation($input: DecideClaimInput!) { decideClaim(input: $input) {
  claim { id status } userErrors { code message } } }`;

/** A stream's updates: claim global id -> when it arrived (performance.now()). */
async function follow(
  url: string,
  credential: string,
  arrivals: Map<string, number[]>,
  signal: AbortSignal,
): Promise<void> {
  const response = await fetch(`${url}/graphql/stream`, {
    method: 'POST',
    headers: {
      accept: 'text/event-stream',
      'content-type': 'application/json',
      authorization: `Bearer ${credential}`,
    },
    body: JSON.stringify({ query: SUBSCRIPTION }),
    signal,
  });
  if (response.status !== 200 || !response.body) {
    throw new Error(`stream refused: ${response.status} ${await response.text()}`);
  }
  const body = response.body;
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').find((line) => line.startsWith('data:'));
          if (!block.startsWith('event: next') || !data) continue;
          const id = JSON.parse(data.slice(5)).data?.claimUpdated?.id as string | undefined;
          if (id) arrivals.set(id, [...(arrivals.get(id) ?? []), performance.now()]);
        }
      }
    } catch {
      // aborted at the end of the run
    }
  })();
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  log(`seeding ${options.decisions * 40} claims...`);
  const seeded = await seedClaims(options.decisions * 40, 'lg_bench_live');
  const sql = postgres(seeded.databaseUrl, { max: 1, onnotice: () => {} });
  // LOSS claims under review: approved without an audited amount.
  const rows = await sql<{ id: string }[]>`
    select id from claims where status = 'UNDER_REVIEW' and type = 'LOSS'
    order by id limit ${options.decisions}`;
  await sql.end();
  if (rows.length < options.decisions) throw new Error(`only ${rows.length} claims to decide`);
  const globalId = (id: string) => Buffer.from(`Claim:${id}`).toString('base64');

  const env = { LG_STREAMS_PER_CREDENTIAL: String(options.streams), LG_RATE_LIMITS: 'off' };
  const a = await startApi({ databaseUrl: seeded.databaseUrl, logLevel: 'warn', env });
  const b = await startApi(
    { databaseUrl: seeded.databaseUrl, logLevel: 'warn', env },
    a.operatorKey,
  );
  const stop = new AbortController();
  try {
    const arrivals = new Map<string, number[]>();
    for (let n = 0; n < options.streams; n += 1) {
      await follow(b.url, b.operatorKey, arrivals, stop.signal);
    }
    log(`${options.streams} streams open on B; deciding ${options.decisions} claims through A`);
    const sent = new Map<string, { at: number; answered: number }>();
    for (const row of rows) {
      const id = globalId(row.id);
      const at = performance.now();
      const response = await fetch(`${a.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${a.operatorKey}` },
        body: JSON.stringify({
          query: DECIDE,
          variables: { input: { claimId: id, outcome: 'APPROVE' } },
        }),
      });
      const answer = (await response.json()) as {
        data?: { decideClaim: { userErrors: unknown[] } };
      };
      if (answer.data?.decideClaim.userErrors.length !== 0) {
        throw new Error(`decideClaim: ${JSON.stringify(answer)}`);
      }
      sent.set(id, { at, answered: performance.now() });
      await sleep(options.everyMs);
    }
    // Let the last updates arrive (bounded: a missing one is reported, not waited for).
    for (let wait = 0; wait < 100; wait += 1) {
      const complete = [...sent.keys()].every(
        (id) => (arrivals.get(id)?.length ?? 0) >= options.streams,
      );
      if (complete) break;
      await sleep(50);
    }
    const roundTrips = [...sent.values()].map((s) => s.answered - s.at).sort((x, y) => x - y);
    const deliveries: number[] = [];
    let missing = 0;
    for (const [id, { at }] of sent) {
      const times = arrivals.get(id) ?? [];
      missing += options.streams - times.length;
      for (const time of times) deliveries.push(time - at);
    }
    deliveries.sort((x, y) => x - y);
    const ms = (value: number) => value.toFixed(1);
    log(
      `decideClaim round trip through A: p50 ${ms(percentile(roundTrips, 50))} ms, p99 ${ms(percentile(roundTrips, 99))} ms`,
    );
    log(
      `sent -> update on B's ${options.streams} streams (${deliveries.length} updates, ${missing} missing): ` +
        `p50 ${ms(percentile(deliveries, 50))} ms, p99 ${ms(percentile(deliveries, 99))} ms, max ${ms(deliveries.at(-1) ?? Number.NaN)} ms`,
    );
  } finally {
    stop.abort();
    await Promise.all([a.stop(), b.stop()]);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
