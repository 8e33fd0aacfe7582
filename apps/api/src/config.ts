// Every environment variable the server reads, parsed and checked in one place. A bad value
// stops start-up with a message that names the variable, never a stack trace.
import path from 'node:path';
import { z } from 'zod';
import { parseTrustedProxies, type TrustedProxies } from './trusted-proxies.js';

export interface RateLimits {
  /** Requests per minute per credential kind and per client IP; null = unlimited. */
  pk: number | null;
  sk: number | null;
  member: number | null;
  op: number | null;
  ip: number | null;
  /** Evidence uploads and document downloads per client IP. */
  upload: number | null;
  /** Carrier feed deliveries (tracking webhooks) per storefront. */
  carrier: number | null;
}

export interface Config {
  port: number;
  host: string;
  production: boolean;
  databaseUrl: string | undefined;
  dataDir: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  bootstrapOperatorKey: string | undefined;
  secret: string | undefined;
  rateLimits: RateLimits | null;
  /** Proxies whose X-Forwarded-For names the client for the IP limit (trusted-proxies.ts). */
  trustedProxies: TrustedProxies;
  rateLimitStore: 'memory' | 'redis';
  redisUrl: string | undefined;
  publicUrl: string | undefined;
  maxUploadBytes: number;
  logLevel: string;
  /** Run the outbox dispatcher inside the API process. */
  runWorker: boolean;
  /** Webhooks may reach private and loopback addresses (outbox/network-guard.ts). */
  webhookPrivateNetworks: boolean;
  /** On SIGTERM, keep serving this long with /readyz failing before closing the listener. */
  shutdownGraceMs: number;
  /** Live-update streams (/graphql/stream) one credential may hold open on one instance. */
  streamsPerCredential: number;
  /** Milliseconds between heartbeat comments on an open stream. */
  streamHeartbeatMs: number;
  /** Claims by email: the SMTP listener's port; undefined = no listener. */
  inboundSmtpPort: number | undefined;
  /**
   * The authserv-id whose Authentication-Results header `POST /inbound/email` trusts (the
   * forwarding mail service's); undefined = the API verifies DKIM and DMARC itself.
   */
  inboundAuthservId: string | undefined;
  /** Claim emails taken from one sender per hour, counted in the database. */
  inboundEmailsPerHour: number;
  /** A newest exchange rate older than this many hours prices no quote (UNSUPPORTED_CURRENCY). */
  fxMaxAgeHours: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  pk: 6000,
  sk: 3000,
  member: 600,
  op: 3000,
  ip: 1200,
  upload: 120,
  carrier: 600,
};

const rateLimitKinds = ['pk', 'sk', 'member', 'op', 'ip', 'upload', 'carrier'] as const;

/** Parses `pk=6000,sk=3000,member=600,ip=1200` or `off`. Unlisted kinds keep their default. */
export function parseRateLimits(value: string | undefined): RateLimits | null {
  if (value === undefined || value.trim() === '') return { ...DEFAULT_RATE_LIMITS };
  if (value.trim() === 'off') return null;
  const limits: RateLimits = { ...DEFAULT_RATE_LIMITS };
  for (const part of value.split(',')) {
    const match = /^\s*([a-z]+)\s*=\s*(\d+|off)\s*$/.exec(part);
    const kind = match?.[1] as (typeof rateLimitKinds)[number] | undefined;
    if (!match || !kind || !rateLimitKinds.includes(kind)) {
      throw new ConfigError(
        `LG_RATE_LIMITS: "${part.trim()}" is not <kind>=<requests per minute> with kind one of ${rateLimitKinds.join(', ')}, or "off"`,
      );
    }
    const amount = match[2] === 'off' ? null : Number(match[2]);
    if (amount === 0) throw new ConfigError(`LG_RATE_LIMITS: ${kind} must be above 0 (or "off")`);
    limits[kind] = amount;
  }
  return limits;
}

const env = z.object({
  PORT: z.coerce
    .number({ error: 'must be a port number (0-65535)' })
    .int('must be a port number (0-65535)')
    .min(0, 'must be a port number (0-65535)')
    .max(65535, 'must be a port number (0-65535)')
    .default(4000),
  HOST: z.string().default('0.0.0.0'),
  NODE_ENV: z.string().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  LG_DATA_DIR: z.string().default('./.data'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().default('Logistics Guarantee <claims@logistics-guarantee.local>'),
  LG_BOOTSTRAP_OPERATOR_KEY: z
    .string()
    .regex(/^op_[A-Za-z0-9_-]{16,}$/, 'must look like op_ followed by at least 16 characters')
    .optional(),
  LG_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LG_RATE_LIMITS: z.string().optional(),
  LG_RATE_LIMIT_STORE: z.enum(['memory', 'redis']).default('memory'),
  LG_TRUSTED_PROXIES: z.string().optional(),
  REDIS_URL: z.string().optional(),
  LG_PUBLIC_URL: z.string().url().optional(),
  LG_MAX_UPLOAD_BYTES: z.coerce
    .number({ error: 'must be a number of bytes (1024 to 104857600)' })
    .int('must be a number of bytes (1024 to 104857600)')
    .min(1024, 'must be a number of bytes (1024 to 104857600)')
    .max(100 * 1024 * 1024, 'must be a number of bytes (1024 to 104857600)')
    .default(10 * 1024 * 1024),
  LG_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  LG_WORKER: z.enum(['on', 'off']).default('on'),
  LG_WEBHOOK_PRIVATE_NETWORKS: z.enum(['allow', 'deny']).default('deny'),
  LG_SHUTDOWN_GRACE_MS: z.coerce
    .number({ error: 'must be a number of milliseconds (0 to 30000)' })
    .int('must be a number of milliseconds (0 to 30000)')
    .min(0, 'must be a number of milliseconds (0 to 30000)')
    .max(30_000, 'must be a number of milliseconds (0 to 30000)')
    .default(3_000),
  LG_STREAMS_PER_CREDENTIAL: z.coerce
    .number({ error: 'must be a number of streams (1 to 1000)' })
    .int('must be a number of streams (1 to 1000)')
    .min(1, 'must be a number of streams (1 to 1000)')
    .max(1000, 'must be a number of streams (1 to 1000)')
    .default(5),
  LG_STREAM_HEARTBEAT_MS: z.coerce
    .number({ error: 'must be a number of milliseconds (10 to 300000)' })
    .int('must be a number of milliseconds (10 to 300000)')
    .min(10, 'must be a number of milliseconds (10 to 300000)')
    .max(300_000, 'must be a number of milliseconds (10 to 300000)')
    .default(15_000),
  LG_INBOUND_SMTP_PORT: z.coerce
    .number({ error: 'must be a port number (0-65535)' })
    .int('must be a port number (0-65535)')
    .min(0, 'must be a port number (0-65535)')
    .max(65535, 'must be a port number (0-65535)')
    .optional(),
  LG_INBOUND_AUTHSERV_ID: z
    .string()
    .regex(/^[A-Za-z0-9.-]{1,253}$/, 'must be a host name, the authserv-id of your mail service')
    .optional(),
  LG_INBOUND_EMAILS_PER_HOUR: z.coerce
    .number({ error: 'must be a number of messages (1 to 10000)' })
    .int('must be a number of messages (1 to 10000)')
    .min(1, 'must be a number of messages (1 to 10000)')
    .max(10_000, 'must be a number of messages (1 to 10000)')
    .default(30),
  LG_FX_MAX_AGE_HOURS: z.coerce
    .number({ error: 'must be a number of hours (1 to 8760)' })
    .int('must be a number of hours (1 to 8760)')
    .min(1, 'must be a number of hours (1 to 8760)')
    .max(8760, 'must be a number of hours (1 to 8760)')
    .default(72),
});

/** Reads the configuration; throws ConfigError naming the first bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = env.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(`${name}: ${issue?.message ?? 'invalid value'}`);
  }
  const e = parsed.data;
  if (e.LG_RATE_LIMIT_STORE === 'redis' && !e.REDIS_URL) {
    throw new ConfigError('REDIS_URL: required when LG_RATE_LIMIT_STORE=redis');
  }
  // A generated secret is kept in the database: whoever reads the database could sign quotes.
  if (e.NODE_ENV === 'production' && !e.LG_SECRET) {
    throw new ConfigError(
      'LG_SECRET: required in production (NODE_ENV=production); set the same random value of 32+ characters on every instance, e.g. from `openssl rand -base64 48`',
    );
  }
  const trustedProxies = parseTrustedProxies(e.LG_TRUSTED_PROXIES);
  if (!trustedProxies.ok) throw new ConfigError(`LG_TRUSTED_PROXIES: ${trustedProxies.message}`);
  return {
    port: e.PORT,
    host: e.HOST,
    production: e.NODE_ENV === 'production',
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.LG_DATA_DIR),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    bootstrapOperatorKey: e.LG_BOOTSTRAP_OPERATOR_KEY,
    secret: e.LG_SECRET,
    rateLimits: parseRateLimits(e.LG_RATE_LIMITS),
    trustedProxies: trustedProxies.value,
    rateLimitStore: e.LG_RATE_LIMIT_STORE,
    redisUrl: e.REDIS_URL,
    publicUrl: e.LG_PUBLIC_URL,
    maxUploadBytes: e.LG_MAX_UPLOAD_BYTES,
    logLevel: e.LG_LOG_LEVEL,
    runWorker: e.LG_WORKER === 'on',
    // Denied unless allowed, whatever the mode: a development server reachable by others is
    // as good a port scanner as a production one. Tests and local receivers opt in.
    webhookPrivateNetworks: e.LG_WEBHOOK_PRIVATE_NETWORKS === 'allow',
    shutdownGraceMs: e.LG_SHUTDOWN_GRACE_MS,
    streamsPerCredential: e.LG_STREAMS_PER_CREDENTIAL,
    streamHeartbeatMs: e.LG_STREAM_HEARTBEAT_MS,
    inboundSmtpPort: e.LG_INBOUND_SMTP_PORT,
    inboundAuthservId: e.LG_INBOUND_AUTHSERV_ID?.toLowerCase(),
    inboundEmailsPerHour: e.LG_INBOUND_EMAILS_PER_HOUR,
    fxMaxAgeHours: e.LG_FX_MAX_AGE_HOURS,
  };
}
