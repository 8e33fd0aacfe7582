#!/usr/bin/env node
// `pnpm start`: serves the API on PORT until SIGTERM/SIGINT, then drains and exits.
import { loadConfigOrExit, runMain, stopOnSignals } from './process-lifecycle.js';
import { startServer } from './start-server.js';

runMain(async () => {
  const config = loadConfigOrExit();
  const running = await startServer(config);
  const { logger } = running.app;
  logger.info(
    { url: running.url, database: running.app.database.kind, production: config.production },
    'Logistics Guarantee API listening',
  );
  if (running.demo) {
    process.stderr.write(`\nDemo storefront: ${running.url}/\nGraphQL: ${running.url}/graphql\n\n`);
  }
  stopOnSignals(logger, 'shutting down: finishing in-flight requests', () => running.close());
});
