// Issue B, claims listing: p50/p99 of the `claims` connection with 10k and with 1M claims in
// PostgreSQL, for the operator's default listing and a storefront's (secret key), each on its
// first page and on a deep page reached by cursor. Goal: p99 at 1M <= 2x p99 at 10k.
import postgres from 'postgres';
import { type BenchOptions, fmt, type LoadResult, load, log, postJson, startApi } from './lib.js';
import { seedClaims } from './seed-claims.js';

const LISTING = `query Claims($first: Int!, $after: String) { claims(first: $first, after: $after) { edges { cursor node { id reference type status dueAt overdue package { trackingNumber } } } pageInfo { hasNextPage endCursor } } }`;
const PAGE_SIZE = 50;
const CONNECTIONS = 4;

type Scenario =
  | 'operator, first page'
  | 'operator, deep page'
  | 'storefront, first page'
  | 'storefront, deep page';

export interface ClaimsBenchResult {
  count: number;
  seedSeconds: number;
  scenarios: Record<Scenario, LoadResult>;
}

/** A cursor as the API encodes it (services/claims/list-claims.ts): [dueAt ms | null, id]. */
function cursorOf(row: { due_at: Date | null; id: string }): string {
  return Buffer.from(JSON.stringify([row.due_at?.getTime() ?? null, row.id])).toString('base64url');
}

async function benchOneSize(count: number, options: BenchOptions): Promise<ClaimsBenchResult> {
  const seeded = await seedClaims(count, 'lg_bench');
  const sql = postgres(seeded.databaseUrl, { max: 1, onnotice: () => {} });
  const api = await startApi({ databaseUrl: seeded.databaseUrl, logLevel: options.logLevel });
  try {
    // Deep pages: the cursor of the row halfway through each listing, in the API's order.
    const [operatorMiddle] = await sql<{ due_at: Date | null; id: string }[]>`
      select due_at, id from claims order by due_at asc nulls last, id asc
      offset ${Math.floor(count / 2)} limit 1`;
    const [storefrontMiddle] = await sql<{ due_at: Date | null; id: string }[]>`
      select due_at, id from claims where storefront_id = ${seeded.storefrontId}
      order by due_at asc nulls last, id asc offset ${Math.floor(count / 40)} limit 1`;
    if (!operatorMiddle || !storefrontMiddle) throw new Error('no rows to page from');
    const scenarios: [Scenario, string, string | null][] = [
      ['operator, first page', api.operatorKey, null],
      ['operator, deep page', api.operatorKey, cursorOf(operatorMiddle)],
      ['storefront, first page', seeded.secretKey, null],
      ['storefront, deep page', seeded.secretKey, cursorOf(storefrontMiddle)],
    ];
    const results = {} as Record<Scenario, LoadResult>;
    for (const [name, key, after] of scenarios) {
      const body = JSON.stringify({ query: LISTING, variables: { first: PAGE_SIZE, after } });
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${key}` };
      const probe = await postJson(`${api.url}/graphql`, JSON.parse(body), headers);
      const edges = (probe.json as { data?: { claims?: { edges?: unknown[] } } })?.data?.claims
        ?.edges;
      if (probe.status !== 200 || edges?.length !== PAGE_SIZE) {
        throw new Error(`${name}: the probe failed: ${probe.status} ${probe.text.slice(0, 300)}`);
      }
      const run = (duration: number) =>
        load(
          {
            url: `${api.url}/graphql`,
            method: 'POST',
            headers,
            body,
            connections: CONNECTIONS,
            duration,
          },
          api.child.pid,
        );
      await run(2);
      results[name] = await run(options.duration);
      log(`${count.toLocaleString('en-US')} claims, ${name}: ${fmt(results[name])}`);
    }
    return { count, seedSeconds: seeded.seconds, scenarios: results };
  } finally {
    await api.stop();
    await sql.end({ timeout: 5 });
  }
}

export async function benchClaims(
  options: BenchOptions,
  counts: number[],
): Promise<ClaimsBenchResult[]> {
  const results: ClaimsBenchResult[] = [];
  for (const count of counts) results.push(await benchOneSize(count, options));
  const smallest = results[0];
  const largest = results.at(-1);
  if (smallest && largest && smallest !== largest) {
    for (const name of Object.keys(largest.scenarios) as Scenario[]) {
      const small = smallest.scenarios[name].p99;
      const large = largest.scenarios[name].p99;
      log(
        `${name}: p99 ${small} ms at ${smallest.count.toLocaleString('en-US')} -> ${large} ms at ` +
          `${largest.count.toLocaleString('en-US')} (x${(large / Math.max(small, 1)).toFixed(2)}; goal <= x2)`,
      );
    }
  }
  return results;
}
