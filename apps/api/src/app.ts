// Assembles the server's long-lived parts: database, signing keys, auth, policies, logger.
import { type DatabaseHandle, openDatabase } from '@lg/db/client';
import { Authenticator } from './auth/authenticate.js';
import { MemberSessions } from './auth/member-sessions.js';
import { loadSigningSecret } from './auth/secret.js';
import { TokenSigner } from './auth/signed-token.js';
import type { Config } from './config.js';
import { ExchangeRateStore } from './exchange-rates.js';
import { createLogger, type Logger } from './logger.js';
import { PolicyStore } from './policies.js';
import { ClaimFeed } from './services/claims/claim-changes.js';

export interface App {
  readonly config: Config;
  readonly database: DatabaseHandle;
  readonly db: DatabaseHandle['db'];
  readonly signer: TokenSigner;
  readonly sessions: MemberSessions;
  readonly authenticator: Authenticator;
  readonly policies: PolicyStore;
  /** The newest exchange rate of each currency, for quotes in other currencies than USD. */
  readonly exchangeRates: ExchangeRateStore;
  readonly logger: Logger;
  /** Claim changes committed by any instance, for live subscriptions (LISTENs on first use). */
  readonly claimFeed: ClaimFeed;
  /** The one clock of the app; tests replace it to walk through claim windows. */
  clock: () => Date;
  close(): Promise<void>;
}

export interface CreateAppOptions {
  /** An already open database (tests pass a cloned, migrated PGlite). */
  database?: DatabaseHandle;
  logger?: Logger;
  clock?: () => Date;
}

export async function createApp(config: Config, options: CreateAppOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const database =
    options.database ??
    (await openDatabase({
      url: config.databaseUrl,
      dataDir: config.databaseUrl ? undefined : `${config.dataDir}/pglite`,
    }));
  // Every instance on the database signs with the same secret (auth/secret.ts).
  const secret = await loadSigningSecret(database.db, {
    configured: config.secret,
    legacyDataDir: database.kind === 'pglite' ? config.dataDir : undefined,
  });
  const signer = new TokenSigner(secret);
  const sessions = new MemberSessions(database.db, signer);
  const policies = await PolicyStore.open(database.db);
  // API and worker alike: a version published anywhere is used here within a notification.
  const stopFollowingPolicies = await followPolicies(policies, database, logger);
  const exchangeRates = await ExchangeRateStore.open(database.db, config.fxMaxAgeHours);
  const stopFollowingRates = await exchangeRates.follow(database, (error) =>
    logger.error({ err: error }, 'exchange rates: reload failed'),
  );
  const authenticator = new Authenticator(database.db, sessions);
  const claimFeed = new ClaimFeed(database, logger);
  return {
    config,
    database,
    db: database.db,
    signer,
    sessions,
    authenticator,
    policies,
    exchangeRates,
    logger,
    claimFeed,
    clock: options.clock ?? (() => new Date()),
    async close() {
      // A listener on a connection already gone must not keep the database open.
      await stopFollowingPolicies().catch(() => {});
      await stopFollowingRates().catch(() => {});
      await claimFeed.close();
      await database.close();
    },
  };
}

async function followPolicies(
  policies: PolicyStore,
  database: DatabaseHandle,
  logger: Logger,
): Promise<() => Promise<void>> {
  const onError = (error: unknown) =>
    logger.error({ err: error }, 'policies: reload after a publication failed');
  try {
    return await policies.follow(database, onError);
  } catch (error) {
    // A version asked for and not in memory is still read from the database (policies.ts).
    logger.warn({ err: error }, 'policies: LISTEN unavailable, reloading on a miss only');
    return async () => {};
  }
}
