#!/usr/bin/env node
// `pnpm worker`: the outbox dispatcher on its own, for deployments that scale delivery apart
// from the API (run the API with LG_WORKER=off and as many workers as needed: they share the
// work through SKIP LOCKED leases), with the loss report's month keeper beside it. Stops on
// SIGTERM/SIGINT after in-flight deliveries (and the month being kept) finish.
import { createApp } from './app.js';
import { createDispatcher } from './outbox/dispatcher.js';
import { loadConfigOrExit, runMain, stopOnSignals } from './process-lifecycle.js';
import { MonthKeeper } from './services/reports/month-keeper.js';

runMain(async () => {
  const config = loadConfigOrExit();
  if (!config.databaseUrl) {
    // The embedded database belongs to one process: a separate worker needs PostgreSQL.
    process.stderr.write(
      'Note: without DATABASE_URL the worker opens the embedded database in LG_DATA_DIR, which the API must not have open at the same time. `pnpm start` already runs the dispatcher.\n',
    );
  }
  const app = await createApp(config);
  const dispatcher = createDispatcher(app);
  dispatcher.start();
  const monthKeeper = new MonthKeeper(app.db, app.logger, { clock: () => app.clock() });
  monthKeeper.start();
  app.logger.info(
    { database: app.database.kind, mail: dispatcher.mailer.kind },
    'Logistics Guarantee outbox worker running',
  );

  // Deliveries still running after 7 s are abandoned: their leases expire and another worker
  // sends them again (at least once), so the process is gone within 10 s.
  stopOnSignals(
    app.logger,
    'shutting down: finishing in-flight deliveries',
    async () => {
      await Promise.all([dispatcher.stop(7_000), monthKeeper.stop()]);
      await app.close();
    },
    { deadlineMs: 10_000 },
  );
});
