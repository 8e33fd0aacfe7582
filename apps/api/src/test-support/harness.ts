// Starts the real API (HTTP, Apollo, auth, database) for a test file and talks to it over
// HTTP, the way partners do. Every secret the harness sees is checked against the server's
// logs when it closes: no key, token or email address may ever appear in a log line.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import type { DnsResolver } from '../services/email-claims/check-sender.js';
import { type RunningServer, startServer } from '../start-server.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

export interface TestStorefront {
  id: string;
  publishableKey: string;
  secretKey: string;
  webhookSecret: string;
}

export interface TestApi {
  url: string;
  server: RunningServer;
  operatorKey: string;
  /** The clock the server reads; tests move it to walk through claim windows. */
  clock: { now: Date };
  queries: string[];
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    credential?: string | null,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  createStorefront(input?: {
    allowedOrigins?: string[];
    webhookUrl?: string | null;
  }): Promise<TestStorefront>;
  /** Runs `fn` with the server's clock at `time`, then puts it back. */
  at<T>(time: Date, fn: () => Promise<T>): Promise<T>;
  /** Remember a value that must never show up in logs. */
  secret(value: string): string;
  logs(): string;
  close(): Promise<void>;
}

export interface TestApiOptions {
  env?: Record<string, string>;
  /**
   * A database another test API uses too (test-support/instances.ts); this one neither
   * records its queries nor drops it on close.
   */
  database?: TestDatabase;
  /** The DNS that inbound claim mail is checked against (SPF, DKIM, DMARC). */
  dnsResolver?: DnsResolver;
}

export async function startTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const queries: string[] = [];
  const database: TestDatabase =
    options.database ?? (await createTestDatabase((sql) => queries.push(sql)));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lg-api-test-'));
  const operatorKey = `op_${randomBytes(24).toString('base64url')}`;
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LG_DATA_DIR: dataDir,
    LG_SECRET: randomBytes(32).toString('hex'),
    LG_BOOTSTRAP_OPERATOR_KEY: operatorKey,
    LG_RATE_LIMITS: 'off',
    LG_LOG_LEVEL: 'info',
    LG_WORKER: 'off',
    // The tests' webhook receivers listen on loopback; webhook-policy.test.ts sets deny.
    LG_WEBHOOK_PRIVATE_NETWORKS: 'allow',
    ...options.env,
  });
  let logText = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logText += chunk.toString();
      done();
    },
  });
  const clock = { now: new Date() };
  const server = await startServer(config, {
    database: database.handle,
    logger: createLogger('info', sink),
    clock: () => new Date(clock.now.getTime()),
    demo: false,
    ...(options.dnsResolver ? { dnsResolver: options.dnsResolver } : {}),
  });
  const secrets = new Set<string>([operatorKey]);

  const api: TestApi = {
    url: server.url,
    server,
    operatorKey,
    clock,
    queries,
    async gql(query, variables, credential, headers = {}) {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(credential ? { authorization: `Bearer ${credential}` } : {}),
          ...headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.text();
      // Parsed JSON is whatever shape the calling test declares it expects.
      let body: GraphQLResponse<never>['body'];
      try {
        body = JSON.parse(text);
      } catch {
        throw new Error(`non-JSON response ${response.status}: ${text.slice(0, 200)}`);
      }
      return { status: response.status, headers: response.headers, body };
    },
    async createStorefront(input = {}) {
      const result = await api.gql<{
        createStorefront: {
          storefront: { id: string };
          publishableKey: string;
          secretKey: string;
          webhookSecret: string;
          userErrors: unknown[];
        };
      }>(
        `mutation($input: CreateStorefrontInput!) { createStorefront(input: $input) {
          storefront { id } publishableKey secretKey webhookSecret userErrors { code message field } } }`,
        {
          input: {
            name: 'Test Shop',
            allowedOrigins: input.allowedOrigins ?? ['https://shop.example'],
            webhookUrl: input.webhookUrl ?? null,
          },
        },
        operatorKey,
      );
      const created = result.body.data?.createStorefront;
      if (!created?.storefront)
        throw new Error(`createStorefront failed: ${JSON.stringify(result.body)}`);
      for (const value of [created.publishableKey, created.secretKey, created.webhookSecret])
        secrets.add(value);
      return {
        id: created.storefront.id,
        publishableKey: created.publishableKey,
        secretKey: created.secretKey,
        webhookSecret: created.webhookSecret,
      };
    },
    async at(time, fn) {
      const saved = clock.now;
      clock.now = time;
      try {
        return await fn();
      } finally {
        clock.now = saved;
      }
    },
    secret(value) {
      secrets.add(value);
      return value;
    },
    logs: () => logText,
    async close() {
      await server.close();
      if (!options.database) await database.dispose();
      rmSync(dataDir, { recursive: true, force: true });
      const leaked = [...secrets].filter((value) => value.length >= 8 && logText.includes(value));
      if (leaked.length > 0) {
        throw new Error(
          `secrets leaked into the logs: ${leaked.map((v) => `${v.slice(0, 6)}…`).join(', ')}`,
        );
      }
    },
  };
  return api;
}

/** A JSON response body as tests read it: an API error, or a GraphQL result. */
export interface ResponseJson {
  error: { code: string; message: string };
  errors: { message: string; extensions: { code: string } }[];
  // biome-ignore lint/suspicious/noExplicitAny: tests walk arbitrary response data
  data: any;
}

export async function readJson(response: Response): Promise<ResponseJson> {
  return (await response.json()) as ResponseJson;
}
