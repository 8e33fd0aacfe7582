#!/usr/bin/env node
// `pnpm worker`: the outbox dispatcher on its own, for deployments that scale delivery apart
// from the API (run the API with LG_WORKER=off and as many workers as needed: they share the
// work through SKIP LOCKED leases). Stops on SIGTERM/SIGINT after in-flight deliveries finish.
import { createApp } from './app.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { createDispatcher } from './outbox/dispatcher.js';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  if (!config.databaseUrl) {
    // The embedded database belongs to one process: a separate worker needs PostgreSQL.
    process.stderr.write(
      'Note: without DATABASE_URL the worker opens the embedded database in LG_DATA_DIR, which the API must not have open at the same time. `pnpm start` already runs the dispatcher.\n',
    );
  }
  const app = await createApp(config);
  const dispatcher = createDispatcher(app);
  dispatcher.start();
  app.logger.info(
    { database: app.database.kind, mail: dispatcher.mailer.kind },
    'Logistics Guarantee outbox worker running',
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'shutting down: finishing in-flight deliveries');
    try {
      await dispatcher.stop();
      await app.close();
      process.exit(0);
    } catch (error) {
      app.logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
