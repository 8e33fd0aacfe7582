// Issue 13, the loss report: lossReport over 1M claims on PostgreSQL, target < 1 s. Seeds
// `lg_bench_report` once (reused on later runs; --reseed to rebuild) with 1M claims and 1.5M
// guarantees spread over 2025 in 20 storefronts, then times services/reports/loss-report.ts:
// its live statement over a year (what any range costs before its months are kept), the first
// report over 12 closed months when nothing is kept yet (computes and keeps them), the same
// report once kept, for every storefront and for one, the month keeper's first pass over the
// seeded data (services/reports/month-keeper.ts, what `pnpm start`/`pnpm worker` run at start
// and every 10 minutes) and the first report after it (what a user meets), and prints the
// EXPLAIN (ANALYZE, BUFFERS) plan of the live statement.
//   pnpm --filter @lg/api run bench:loss-report [--claims=1000000] [--runs=5] [--reseed]
import { cpus, loadavg } from 'node:os';
import { openDatabase } from '@lg/db/client';
import { BUILT_IN_POLICIES, CURRENT_POLICY_VERSION } from '@lg/domain';
import { sql as drizzleSql } from 'drizzle-orm';
import postgres from 'postgres';
import type { Viewer } from '../src/auth/viewer.js';
import { createLogger } from '../src/logger.js';
import {
  type LossReportInput,
  lossReport,
  lossReportQuery,
} from '../src/services/reports/loss-report.js';
import { MonthKeeper } from '../src/services/reports/month-keeper.js';
import { log, recreateDatabase } from './lib.js';

const DATABASE = 'lg_bench_report';
const STOREFRONTS = 20;
const YEAR_SECONDS = 365 * 86_400;
const POLICY = BUILT_IN_POLICIES[CURRENT_POLICY_VERSION] as NonNullable<
  (typeof BUILT_IN_POLICIES)[string]
>;
const OPERATOR: Viewer = { kind: 'operator', keyId: 'bench' };

function argOf(name: string): string | undefined {
  const found = process.argv.find((arg) => arg.startsWith(`--${name}=`));
  return found?.split('=', 2)[1];
}

const elapsed = (started: number) => `${((performance.now() - started) / 1000).toFixed(1)} s`;

/** The seeded claim count, or null when the database is missing or holds no seed. */
async function seededCount(url: string): Promise<number | null> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ count: string }[]>`select count(*) as count from claims`;
    return row ? Number(row.count) : null;
  } catch {
    return null;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * Guarantee i (of 1.5 x claims) is bought at a point of 2025 spread by a stride; the first
 * `claims` have one package and one claim each, filed 5 days after purchase, with the status
 * mix of a working desk (by i % 10: 3 waiting for documents, 3 under review, 2 approved,
 * 1 rejected, 1 paid), decided 0..239 hours after filing (some past the 7-day promise) and paid
 * a day after approval. One in ten of the guarantees without a claim was cancelled an hour
 * after purchase (a refund).
 */
async function seed(claims: number): Promise<string> {
  const started = performance.now();
  const url = await recreateDatabase(DATABASE);
  const handle = await openDatabase({ url, maxConnections: 1 });
  await handle.close();
  const guarantees = Math.floor(claims * 1.5);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const purchased = (i: string) =>
    `timestamptz '2025-01-01 00:00:00+00' + make_interval(secs => (${i}::bigint * 7919) % ${YEAR_SECONDS})`;
  try {
    await sql.unsafe(`set synchronous_commit = off; set maintenance_work_mem = '256MB'`);
    await sql`insert into policy_versions (version, document)
      values (${POLICY.version}, ${JSON.stringify(POLICY)}::jsonb)`;
    await sql.unsafe(`insert into storefronts (id, account_id, mode, name, allowed_origins, webhook_secret)
      select md5('s' || i)::uuid, md5('s' || i)::uuid, 'test', 'Bench shop ' || lpad(i::text, 2, '0'),
             array['https://shop' || i || '.example'], 'whsec_bench'
      from generate_series(0, ${STOREFRONTS - 1}) i`);
    // Foreign-key triggers off for this session (rows are consistent by construction) and the
    // secondary indexes built once at the end.
    await sql.unsafe('set session_replication_role = replica');
    const indexes = await sql<{ indexname: string; indexdef: string }[]>`
      select indexname, indexdef from pg_indexes
      where schemaname = 'public' and tablename in ('guarantees', 'packages', 'claims')
        and indexname not like '%_pkey'`;
    for (const index of indexes) await sql.unsafe(`drop index "${index.indexname}"`);
    await sql.unsafe(`insert into guarantees (id, storefront_id, order_number, member_id,
        member_email, status, currency, product_value_minor, fee_minor, policy_version, quote_id,
        quote, purchased_at, cancelled_at, refund_minor)
      select md5('g' || i)::uuid, md5('s' || (i % ${STOREFRONTS}))::uuid, 'SO-' || i,
             'M' || (i % 50000), 'm' || (i % 50000) || '@example.com',
             case when c.cancelled then 'CANCELLED' else 'ACTIVE' end, 'USD',
             30000 + (i % 70000), 3000 + (i % 7000), '${POLICY.version}', 'qt_bench' || i,
             '{}'::jsonb, c.at, case when c.cancelled then c.at + interval '1 hour' end,
             case when c.cancelled then 3000 + (i % 7000) end
      from generate_series(0, ${guarantees - 1}) i,
      lateral (select ${purchased('i')} as at, i >= ${claims} and i % 10 = 0 as cancelled) c`);
    log(`  ${guarantees.toLocaleString('en-US')} guarantees: ${elapsed(started)}`);
    await sql.unsafe(`insert into packages (id, storefront_id, guarantee_id, tracking_number,
        currency, declared_value_minor, sale_price_minor, shipping_fee_minor, status, delivered_at,
        signed_by, registered_at)
      select md5('p' || i)::uuid, md5('s' || (i % ${STOREFRONTS}))::uuid, md5('g' || i)::uuid,
             'TRK' || lpad(i::text, 10, '0'), 'USD', 12000, 11000, 2000, 'DELIVERED',
             ${purchased('i')} + interval '4 days', 'X', ${purchased('i')}
      from generate_series(0, ${claims - 1}) i`);
    log(`  packages: ${elapsed(started)}`);
    await sql.unsafe(`insert into claims (id, storefront_id, guarantee_id, package_id, member_id,
        type, status, description, reference, filed_at, documents_complete_at, due_at, outcome,
        currency, payable_minor, decided_at, decided_by, payout_reference, paid_at, updated_at)
      select md5('c' || i)::uuid, md5('s' || (i % ${STOREFRONTS}))::uuid, md5('g' || i)::uuid,
             md5('p' || i)::uuid, 'M' || (i % 50000),
             (array['LOSS', 'PARTIAL_LOSS', 'DAMAGE'])[1 + i % 3], s.status, 'bench claim',
             'M' || (i % 50000) || '+SO-' || i || '+Claim', s.filed, s.complete, s.due,
             s.outcome, 'USD', s.payable, s.decided, s.decided_by, s.payout, s.paid, s.filed
      from generate_series(0, ${claims - 1}) i,
      lateral (select
        (array['NEEDS_DOCUMENTS','NEEDS_DOCUMENTS','NEEDS_DOCUMENTS','UNDER_REVIEW','UNDER_REVIEW',
               'UNDER_REVIEW','APPROVED','APPROVED','REJECTED','PAID'])[1 + i % 10] as status,
        ${purchased('i')} + interval '5 days' as filed) f,
      lateral (select f.status, f.filed,
        case when f.status <> 'NEEDS_DOCUMENTS' then f.filed end as complete,
        case when f.status <> 'NEEDS_DOCUMENTS' then f.filed + interval '7 days' end as due,
        case when f.status in ('APPROVED', 'PAID') then 'APPROVE'
             when f.status = 'REJECTED' then 'REJECT' end as outcome,
        case when f.status in ('APPROVED', 'PAID') then 5000 + i % 20000 end as payable,
        case when f.status in ('APPROVED', 'REJECTED', 'PAID')
             then f.filed + make_interval(hours => (i % 240)::int) end as decided,
        case when f.status in ('APPROVED', 'REJECTED', 'PAID') then 'operator:bench' end
             as decided_by,
        case when f.status = 'PAID' then 'PAYOUT-' || i end as payout,
        case when f.status = 'PAID' then f.filed + make_interval(hours => (i % 240)::int + 24)
             end as paid) s`);
    log(`  claims: ${elapsed(started)}`);
    await sql.unsafe('set session_replication_role = origin');
    for (const index of indexes) await sql.unsafe(index.indexdef);
    log(`  indexes: ${elapsed(started)}`);
    await sql.unsafe('vacuum analyze guarantees, packages, claims');
  } finally {
    await sql.end({ timeout: 5 });
  }
  log(`seeded ${claims.toLocaleString('en-US')} claims into ${DATABASE} in ${elapsed(started)}`);
  return url;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

const claims = Number(argOf('claims') ?? 1_000_000);
const runs = Number(argOf('runs') ?? 5);
if (!Number.isInteger(claims) || claims < 1000 || claims > 5_000_000) {
  throw new Error('--claims takes 1000..5000000');
}
const url = `${process.env.LG_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432'}/${DATABASE}`;
if (process.argv.includes('--reseed') || (await seededCount(url)) !== claims) await seed(claims);
else log(`reusing ${DATABASE} (${claims.toLocaleString('en-US')} claims); --reseed to rebuild`);

const handle = await openDatabase({ url, maxConnections: 1 });
const now = new Date();
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
async function timed(name: string, count: number, run: () => Promise<number>): Promise<void> {
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    rows = await run();
    times.push(performance.now() - started);
  }
  log(
    `${name}: ${rows} rows; median ${median(times).toFixed(0)} ms, min ${Math.min(...times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms (${count} run${count === 1 ? '' : 's'})`,
  );
}
async function report(input: LossReportInput): Promise<number> {
  const outcome = await lossReport(handle.db, OPERATOR, input, now);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return outcome.value.length;
}
try {
  const year = { from: day('2025-01-01'), to: day('2026-01-01') };
  const [first] = (await handle.db.execute(
    drizzleSql`select id from storefronts order by name limit 1`,
  )) as unknown as { id: string }[];
  if (!first) throw new Error('no storefront seeded');
  const live = { ...year, storefrontIds: null };
  log(
    `load average before: ${loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')} (${cpus().length} cores)`,
  );
  await timed('live statement, every storefront, 12 months', runs, async () => {
    const result = await handle.db.execute(lossReportQuery(live));
    return (result as unknown as unknown[]).length;
  });
  await handle.db.execute(drizzleSql`truncate loss_report_months, loss_report_closed_months`);
  await timed(
    'lossReport, every storefront, 12 closed months, first call (computes and keeps them)',
    1,
    () => report({ ...year, storefrontId: null }),
  );
  await timed('lossReport, every storefront, 12 closed months, kept', runs, () =>
    report({ ...year, storefrontId: null }),
  );
  await timed('lossReport, one storefront, 12 closed months, kept', runs, () =>
    report({ ...year, storefrontId: first.id }),
  );
  await timed('lossReport, every storefront, 15 Jan to 15 Jan (two half months live)', runs, () =>
    report({ from: day('2025-01-15'), to: day('2026-01-15'), storefrontId: null }),
  );
  await handle.db.execute(drizzleSql`truncate loss_report_months, loss_report_closed_months`);
  const keeper = new MonthKeeper(handle.db, createLogger('silent'), { clock: () => now });
  await timed(
    'month keeper, first pass (rows: storefront-months kept, every closed month since each first sale)',
    1,
    () => keeper.runOnce(),
  );
  await timed(
    'lossReport, every storefront, 12 closed months, first call after the keeper',
    1,
    () => report({ ...year, storefrontId: null }),
  );
  await timed('live statement, one storefront, 12 months', runs, async () => {
    const result = await handle.db.execute(lossReportQuery({ ...year, storefrontIds: [first.id] }));
    return (result as unknown as unknown[]).length;
  });
  log(
    `load average after: ${loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')}`,
  );
  const plan = (await handle.db.execute(
    drizzleSql`explain (analyze, buffers, costs off) ${lossReportQuery(live)}`,
  )) as unknown as { 'QUERY PLAN': string }[];
  log('EXPLAIN (ANALYZE, BUFFERS) of the live statement, every storefront, 12 months:');
  for (const row of plan) log(row['QUERY PLAN']);
} finally {
  await handle.close();
}
