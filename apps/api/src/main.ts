#!/usr/bin/env node
// `pnpm start`: serves the API on PORT until SIGTERM/SIGINT, then drains and exits.
import { ConfigError, loadConfig } from './config.js';
import { startServer } from './start-server.js';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const running = await startServer(config);
  const { logger } = running.app;
  logger.info(
    { url: running.url, database: running.app.database.kind, production: config.production },
    'Logistics Guarantee API listening',
  );
  if (running.demo)
    process.stderr.write(`\nDemo storefront: ${running.url}/\nGraphQL: ${running.url}/graphql\n\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    try {
      await running.close();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
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
