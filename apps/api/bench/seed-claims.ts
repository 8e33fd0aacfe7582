// Seeds a bench database with N claims, each on its own package of its own guarantee, spread
// over 20 storefronts, with the status mix of a working claims desk. Drops and recreates the
// database, migrates it with the API's own migrations, then bulk-inserts with
// INSERT ... SELECT generate_series (about a minute for 1M claims on 2 cores).
//   pnpm --filter @lg/api exec tsx bench/seed-claims.ts [count] [database]
import { createHash, randomBytes } from 'node:crypto';
import { openDatabase } from '@lg/db/client';
import { BUILT_IN_POLICIES, CURRENT_POLICY_VERSION } from '@lg/domain';
import postgres from 'postgres';
import { hashApiKey } from '../src/auth/api-keys.js';
import { log, recreateDatabase } from './lib.js';

const STOREFRONTS = 20;
const POLICY = BUILT_IN_POLICIES[CURRENT_POLICY_VERSION] as NonNullable<
  (typeof BUILT_IN_POLICIES)[string]
>;

export interface SeededClaims {
  databaseUrl: string;
  count: number;
  /** The secret key of storefront 0 (1/20 of the claims). */
  secretKey: string;
  storefrontId: string;
  seconds: number;
}

export async function seedClaims(count: number, database = 'lg_bench'): Promise<SeededClaims> {
  const started = performance.now();
  const databaseUrl = await recreateDatabase(database);
  const handle = await openDatabase({ url: databaseUrl, maxConnections: 1 });
  await handle.close();
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const secretKey = `sk_test_${randomBytes(32).toString('base64url')}`;
  const storefrontId = uuidOf('s', 0);
  try {
    await sql.unsafe(`set synchronous_commit = off; set maintenance_work_mem = '256MB'`);
    await sql.begin(async (tx) => {
      // The policy version guarantees refer to (the API also seeds it on start).
      await tx`insert into policy_versions (version, document)
        values (${POLICY.version}, ${JSON.stringify(POLICY)}::jsonb)`;
      await tx.unsafe(`insert into storefronts (id, account_id, mode, name, allowed_origins, webhook_secret)
        select md5('s' || i)::uuid, md5('s' || i)::uuid, 'test', 'Bench shop ' || i,
               array['https://shop' || i || '.example'], 'whsec_bench'
        from generate_series(0, ${STOREFRONTS - 1}) i`);
      await tx`insert into api_keys (id, kind, mode, storefront_id, key_hash, hint)
        values (${uuidOf('k', 0)}, 'secret', 'test', ${storefrontId}, ${hashApiKey(secretKey)}, 'sk_test_…')`;
    });
    // Bulk load: foreign-key triggers off for this session (the rows are consistent by
    // construction) and secondary indexes built once at the end instead of row by row.
    await sql.unsafe('set session_replication_role = replica');
    const indexes = await sql<{ indexname: string; indexdef: string }[]>`
      select indexname, indexdef from pg_indexes
      where schemaname = 'public' and tablename in ('guarantees', 'packages', 'claims')
        and indexname not like '%_pkey'`;
    for (const index of indexes) await sql.unsafe(`drop index "${index.indexname}"`);
    const now = Date.now();
    // Guarantee i and package i belong to storefront i % 20; claim i is on package i.
    await sql.unsafe(`insert into guarantees (id, storefront_id, order_number, member_id,
        member_email, currency, product_value_minor, fee_minor, policy_version, quote_id, quote,
        purchased_at)
      select md5('g' || i)::uuid, md5('s' || (i % ${STOREFRONTS}))::uuid, 'SO-' || i,
             'M' || (i % 50000), 'm' || (i % 50000) || '@example.com', 'USD',
             12000 + (i % 5000), 3000, '${POLICY.version}', 'qt_bench' || i, '{}'::jsonb,
             to_timestamp(${now / 1000} - 86400 * 60 + i % (86400 * 50))
      from generate_series(0, ${count - 1}) i`);
    log(`  guarantees: ${elapsed(started)}`);
    await sql.unsafe(`insert into packages (id, storefront_id, guarantee_id, tracking_number,
        currency, declared_value_minor, sale_price_minor, shipping_fee_minor, status, delivered_at,
        signed_by, registered_at)
      select md5('p' || i)::uuid, md5('s' || (i % ${STOREFRONTS}))::uuid, md5('g' || i)::uuid,
             'TRK' || lpad(i::text, 10, '0'), 'USD', 12000, 11000, 2000, 'DELIVERED',
             to_timestamp(${now / 1000} - 86400 * 10 + i % (86400 * 5)), 'X',
             to_timestamp(${now / 1000} - 86400 * 60 + i % (86400 * 50))
      from generate_series(0, ${count - 1}) i`);
    log(`  packages: ${elapsed(started)}`);
    // Status by i % 10: 3 in 10 wait for documents (no due date), 3 under review (due within
    // +-7 days: some overdue), 2 approved, 1 rejected, 1 paid.
    await sql.unsafe(`insert into claims (id, storefront_id, guarantee_id, package_id, member_id,
        type, status, description, reference, filed_at, documents_complete_at, due_at, outcome,
        currency, payable_minor, decided_at, decided_by, payout_reference, paid_at, updated_at)
      select md5('c' || i)::uuid, md5('s' || (i % ${STOREFRONTS}))::uuid, md5('g' || i)::uuid,
             md5('p' || i)::uuid, 'M' || (i % 50000),
             (array['LOSS', 'PARTIAL_LOSS', 'DAMAGE'])[1 + i % 3], s.status, 'bench claim',
             'M' || (i % 50000) || '+SO-' || i || '+Claim', s.filed, s.complete, s.due,
             s.outcome, 'USD', s.payable, s.decided, s.decided_by, s.payout, s.paid, s.filed
      from generate_series(0, ${count - 1}) i,
      lateral (select
        (array['NEEDS_DOCUMENTS','NEEDS_DOCUMENTS','NEEDS_DOCUMENTS','UNDER_REVIEW','UNDER_REVIEW',
               'UNDER_REVIEW','APPROVED','APPROVED','REJECTED','PAID'])[1 + i % 10] as status,
        to_timestamp(${now / 1000} - 86400 * 8 + (i::bigint * 7919) % (86400 * 8)) as filed) f,
      lateral (select f.status,
        f.filed,
        case when f.status <> 'NEEDS_DOCUMENTS' then f.filed end as complete,
        case when f.status <> 'NEEDS_DOCUMENTS' then f.filed + interval '7 days' end as due,
        case when f.status in ('APPROVED', 'PAID') then 'APPROVE'
             when f.status = 'REJECTED' then 'REJECT' end as outcome,
        case when f.status in ('APPROVED', 'PAID') then 12000 end as payable,
        case when f.status in ('APPROVED', 'REJECTED', 'PAID') then f.filed + interval '1 day'
             end as decided,
        case when f.status in ('APPROVED', 'REJECTED', 'PAID') then 'operator:bench' end
             as decided_by,
        case when f.status = 'PAID' then 'PAYOUT-' || i end as payout,
        case when f.status = 'PAID' then f.filed + interval '2 days' end as paid) s`);
    log(`  claims: ${elapsed(started)}`);
    await sql.unsafe('set session_replication_role = origin');
    for (const index of indexes) await sql.unsafe(index.indexdef);
    log(`  indexes: ${elapsed(started)}`);
    await sql.unsafe('vacuum analyze guarantees, packages, claims');
  } finally {
    await sql.end({ timeout: 5 });
  }
  const seconds = (performance.now() - started) / 1000;
  log(`seeded ${count.toLocaleString('en-US')} claims into ${database} in ${seconds.toFixed(0)} s`);
  return { databaseUrl, count, secretKey, storefrontId, seconds };
}

function uuidOf(prefix: string, i: number): string {
  // The same md5-as-uuid the SQL above uses, so rows can be addressed from here.
  return md5Uuid(`${prefix}${i}`);
}

function md5Uuid(text: string): string {
  const hex = createMd5(text);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function createMd5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

function elapsed(started: number): string {
  return `${((performance.now() - started) / 1000).toFixed(1)} s`;
}

if (process.argv[1]?.endsWith('seed-claims.ts')) {
  const count = Number(process.argv[2] ?? 1_000_000);
  if (!Number.isInteger(count) || count < 1 || count > 5_000_000) {
    throw new Error('count must be 1..5000000');
  }
  await seedClaims(count, process.argv[3] ?? 'lg_bench');
}
