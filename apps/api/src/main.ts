#!/usr/bin/env node
// `pnpm start`: serves the API on PORT until SIGTERM/SIGINT, then drains and exits.
import { IN_FLIGHT_LIMIT_MS } from './http/server.js';
import { loadConfigOrExit, runMain, stopOnSignals } from './process-lifecycle.js';
import { parseScriptPhases, StartPhases } from './start-phases.js';
import { startServer } from './start-server.js';

runMain(async () => {
  // Under `pnpm start` (scripts/start.mjs) each step of the start is shown as it happens.
  const progress = process.env.LG_START_PROGRESS === '1';
  const phases = new StartPhases(
    progress ? (line) => process.stderr.write(`lg start: ${line}\n`) : null,
  );
  const config = loadConfigOrExit();
  const running = await startServer(config, { phases });
  const { logger } = running.app;
  logger.info(
    {
      url: running.url,
      database: running.app.database.kind,
      production: config.production,
      startMs: Math.round(performance.now()),
      phases: phases.toJSON(),
    },
    'Logistics Guarantee API listening',
  );
  if (progress) {
    const t0 = Number(process.env.LG_START_T0);
    const summary = phases.summary(
      parseScriptPhases(process.env.LG_START_PHASES),
      Number.isFinite(t0) && t0 > 0 ? t0 : null,
    );
    process.stderr.write(`lg start: ${summary}: ${running.url}\n`);
  }
  if (running.demo) {
    process.stderr.write(
      `\nDemo storefront: ${running.url}/\nAdjuster console: ${running.url}/console (operator key in ${running.app.config.dataDir}/credentials.json)\nGraphQL: ${running.url}/graphql\n\n`,
    );
  }
  if (running.smtp) {
    logger.info({ port: running.smtp.port }, 'claims by email: SMTP listener on');
  }
  // SIGTERM: /readyz fails at once, requests are served through the grace, then the listener
  // closes and in-flight work finishes; with the default 3 s grace the process is gone in 10 s.
  stopOnSignals(
    logger,
    `shutting down: /readyz fails now, serving ${config.shutdownGraceMs} ms more, then draining`,
    () => running.close(config.shutdownGraceMs),
    { deadlineMs: config.shutdownGraceMs + IN_FLIGHT_LIMIT_MS + 2_000 },
  );
});
