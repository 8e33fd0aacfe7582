// What `pnpm start` and `pnpm worker` share as processes: a configuration error is a message,
// not a stack; SIGTERM/SIGINT drain and exit once; a failed start says why.
import { type Config, ConfigError, loadConfig } from './config.js';
import type { Logger } from './logger.js';

export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

export interface StopOptions {
  /** Exit 1 if `close` has not finished this long after the signal. */
  deadlineMs: number;
}

/**
 * On SIGTERM or SIGINT, logs `message`, runs `close` once, and exits 0 (1 if it failed). The
 * process is the only owner of these signals (Apollo's own handlers are off): a second signal,
 * or `close` running past the deadline, exits at once with 1.
 */
export function stopOnSignals(
  logger: Logger,
  message: string,
  close: () => Promise<void>,
  options: StopOptions,
): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    const started = performance.now();
    logger.info({ signal }, message);
    setTimeout(() => {
      logger.error({ deadlineMs: options.deadlineMs }, 'shutdown did not finish in time: exiting');
      process.exit(1);
    }, options.deadlineMs).unref();
    try {
      await close();
      logger.info({ ms: Math.round(performance.now() - started) }, 'stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(
      `Failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}
