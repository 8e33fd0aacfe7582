// The access log: one line per HTTP request, written at info. It is the only log line a quote
// writes, so it is built here by hand instead of by pino: pino would run every value of the
// record through the redaction of logger.ts (its wildcard paths match any key), ~2.4 us a line,
// for a record whose fields are fixed and hold no secret (ids, kinds, the path without its
// query). The line is the one pino would write for `logger.info(record, 'request')`: same keys,
// same order, the logger's bindings, to the logger's destination (access-log.test.ts compares
// them).
import pino from 'pino';
import { BufferedLogDestination } from './log-destination.js';
import type { Logger } from './logger.js';

export interface AccessRecord {
  requestId: string;
  method: string;
  /** The URL's path, without its query string (where signed tokens travel). */
  path: string;
  status: number;
  /** Milliseconds from the request's arrival to its end. */
  ms: number;
  /** What kind of credential the request carried ('none', 'publishable', ...), never the credential. */
  viewer: string;
}

export type AccessLog = (record: AccessRecord) => void;

const INFO = 30;

/** Writes access-log lines to `logger`'s destination while its level lets info through. */
export function createAccessLog(logger: Logger): AccessLog {
  const stream = (logger as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] as {
    write(line: string): void;
  };
  const bindings = (logger as unknown as Record<symbol, unknown>)[pino.symbols.chindingsSym];
  const write =
    stream instanceof BufferedLogDestination
      ? (line: string) => stream.writeInfo(line)
      : (line: string) => stream.write(line);
  return (record) => {
    if (!logger.isLevelEnabled('info')) return;
    write(
      `{"level":${INFO},"time":"${new Date().toISOString()}"${typeof bindings === 'string' ? bindings : ''},"requestId":${JSON.stringify(record.requestId)},"method":${JSON.stringify(record.method)},"path":${JSON.stringify(record.path)},"status":${finite(record.status)},"ms":${finite(record.ms)},"viewer":${JSON.stringify(record.viewer)},"msg":"request"}\n`,
    );
  };
}

/** As pino writes numbers: a non-finite one becomes null. */
function finite(value: number): string {
  return Number.isFinite(value) ? String(value) : 'null';
}
