// Structured logs. Keys, tokens and email addresses never reach a log line: request logs carry
// ids and kinds only, and these paths are redacted as a second line of defence.
import pino, { type DestinationStream, type Logger } from 'pino';
import { BufferedLogDestination } from './log-destination.js';

export type { Logger };

/**
 * The API's logger. Without `destination`, lines go to standard output in batches of one turn
 * of the event loop (log-destination.ts): warnings and errors at once, the rest on exit.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'lg-api' },
      redact: {
        paths: [
          'req.headers.authorization',
          'headers.authorization',
          'authorization',
          'token',
          'quoteToken',
          'email',
          'memberEmail',
          'secretKey',
          'publishableKey',
          'webhookSecret',
          '*.authorization',
          '*.token',
          '*.email',
        ],
        censor: '[redacted]',
      },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { err: serializeError },
    },
    destination ?? new BufferedLogDestination(1),
  );
}

/**
 * Errors without their bound parameters: a failed query's message lists them, and they can hold
 * an email address or a token.
 */
function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const cause = (error as { cause?: unknown }).cause;
  return {
    type: error.name,
    message: stripParams(error.message),
    code: (error as { code?: unknown }).code,
    stack: error.stack ? stripParams(error.stack) : undefined,
    ...(cause instanceof Error ? { cause: serializeError(cause) } : {}),
  };
}

function stripParams(text: string): string {
  return text.replace(/\nparams:[^\n]*/g, '\nparams: [redacted]');
}
