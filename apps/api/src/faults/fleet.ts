// Two built API processes on one fresh PostgreSQL database, as a scaled deployment runs them:
// the same DATABASE_URL and LG_SECRET, each with its own dispatcher (LG_WORKER=on), its own
// port and data directory. An instance can be killed and started again on its port; the
// operator CLI runs beside them as `pnpm lg` does.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { acknowledged, gql, PURCHASE, quotedPurchase } from './api-client.js';
import {
  type BuiltServerOptions,
  freePort,
  killIfRunning,
  type ServerProcess,
  startBuiltServer,
} from './built-server.js';
import { createFreshDatabase, type FreshDatabase } from './databases.js';

const BUILT_CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const run = promisify(execFile);

export type Instance = 'a' | 'b';

export class Fleet {
  readonly #servers = new Map<Instance, ServerProcess>();
  readonly #options: Record<Instance, BuiltServerOptions>;
  readonly #sql: postgres.Sql;

  private constructor(
    readonly database: FreshDatabase,
    private readonly dir: string,
    ports: Record<Instance, number>,
    readonly secret: string,
    readonly operatorKey: string,
  ) {
    const optionsOf = (instance: Instance): BuiltServerOptions => ({
      port: ports[instance],
      dataDir: path.join(dir, instance),
      secret,
      operatorKey,
      databaseUrl: database.url,
      env: {
        LG_WORKER: 'on',
        // The webhook receivers of these tests listen on loopback.
        LG_WEBHOOK_PRIVATE_NETWORKS: 'allow',
        // Each delivery is logged ("outbox: delivered"): which process sent what.
        LG_LOG_LEVEL: 'debug',
      },
    });
    this.#options = { a: optionsOf('a'), b: optionsOf('b') };
    this.#sql = postgres(database.url, { max: 1, onnotice: () => {} });
  }

  /** A fresh database on `serverUrl`'s PostgreSQL; no instance runs yet. */
  static async create(serverUrl: string): Promise<Fleet> {
    const database = await createFreshDatabase(serverUrl);
    const dir = mkdtempSync(path.join(tmpdir(), 'lg-fault-fleet-'));
    return new Fleet(
      database,
      dir,
      { a: await freePort(), b: await freePort() },
      randomBytes(32).toString('hex'),
      `op_${randomBytes(24).toString('base64url')}`,
    );
  }

  /** Starts the instance (again, on its own port after a kill) and waits until it is ready. */
  async start(instance: Instance): Promise<ServerProcess> {
    const server = await startBuiltServer(this.#options[instance]);
    this.#servers.set(instance, server);
    return server;
  }

  server(instance: Instance): ServerProcess {
    const server = this.#servers.get(instance);
    if (!server) throw new Error(`instance ${instance} was never started`);
    return server;
  }

  /** kill -9: no drain, no cleanup, leases left as they were. */
  async kill(instance: Instance): Promise<void> {
    const server = this.server(instance);
    server.signal('SIGKILL');
    await server.exited;
  }

  /** `pnpm lg <args>` on the fleet's database, as an operator runs it beside the servers. */
  async cli(args: string[]): Promise<string> {
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(process.env)) {
      if (value !== undefined && !name.startsWith('VITEST')) env[name] = value;
    }
    Object.assign(env, {
      NODE_ENV: 'production',
      DATABASE_URL: this.database.url,
      LG_SECRET: this.secret,
      LG_DATA_DIR: path.join(this.dir, 'cli'),
    });
    const { stdout } = await run(process.execPath, [BUILT_CLI, ...args], { env });
    return stdout;
  }

  /** One SQL query on the fleet's database. */
  query<T extends object>(text: string, parameters: string[] = []): Promise<T[]> {
    return this.#sql.unsafe<T[]>(text, parameters);
  }

  /** Kills what still runs and drops the database. */
  async close(): Promise<void> {
    for (const server of this.#servers.values()) {
      await killIfRunning(server);
    }
    await this.#sql.end();
    await this.database.drop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Polls `check` until it holds, at most `attempts` times `everyMs` apart (plus its own time). */
export async function pollUntil(
  check: () => Promise<boolean> | boolean,
  attempts: number,
  everyMs: number,
): Promise<boolean> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return check();
}

export interface FleetShop {
  storefrontId: string;
  publishableKey: string;
  secretKey: string;
}

/** A storefront, created by the operator, whose webhooks go to `webhookUrl` if given. */
export async function createFleetShop(
  url: string,
  operatorKey: string,
  webhookUrl?: string,
): Promise<FleetShop> {
  const answer = await gql(
    url,
    `mutation($input: CreateStorefrontInput!) { createStorefront(input: $input) {
      storefront { id } publishableKey secretKey userErrors { code message } } }`,
    { input: { name: 'Fleet Shop', allowedOrigins: ['https://shop.example'], webhookUrl } },
    operatorKey,
  );
  const created = answer.body.data?.createStorefront as
    | { storefront: { id: string } | null; publishableKey: string; secretKey: string }
    | undefined;
  if (!created?.storefront) throw new Error(`createStorefront: ${JSON.stringify(answer.body)}`);
  return {
    storefrontId: created.storefront.id,
    publishableKey: created.publishableKey,
    secretKey: created.secretKey,
  };
}

/** Quotes and buys a guarantee for `orderNumber` on `url`; the guarantee's id. */
export async function buy(url: string, shop: FleetShop, orderNumber: string): Promise<string> {
  const input = await quotedPurchase(url, shop, orderNumber, `key-${orderNumber}`);
  const answer = await gql(url, PURCHASE, { input }, shop.secretKey);
  const guarantee = acknowledged(answer);
  if (!guarantee) throw new Error(`purchaseGuarantee ${orderNumber}: ${JSON.stringify(answer)}`);
  return guarantee.id;
}

/** Cancels the guarantee on `url` (nothing has shipped). */
export async function cancel(url: string, shop: FleetShop, guaranteeId: string): Promise<void> {
  const answer = await gql(
    url,
    `mutation($input: CancelGuaranteeInput!) { cancelGuarantee(input: $input) {
      guarantee { status } userErrors { code message } } }`,
    { input: { guaranteeId } },
    shop.secretKey,
  );
  const status = (answer.body.data?.cancelGuarantee as { guarantee: { status: string } | null })
    ?.guarantee?.status;
  if (status !== 'CANCELLED') throw new Error(`cancelGuarantee: ${JSON.stringify(answer.body)}`);
}

/** Event ids the process logged as delivered ("outbox: delivered", at debug level). */
export function deliveredBy(server: ServerProcess): Set<string> {
  return new Set(
    server
      .records()
      .filter((record) => record.msg === 'outbox: delivered' && record.channel === 'webhook')
      .map((record) => String(record.eventId)),
  );
}
