// Where a production server's log lines go: its standard output (a file or a pipe), written in
// batches. A write(2) per line was a good part of what a production server's access log cost
// (BENCHMARKS.md, "Quote at the production log level"); lines written in the same turn of the
// event loop now go out in one write at the end of that turn. Nothing is held
// longer than that turn, a line at warn or above goes out at once with everything before it,
// and the process's exit (process.exit, a crash) writes out what is left, so a SIGTERM'd
// server loses no line. Writes are synchronous like pino's default destination: a full pipe
// slows the server down instead of growing a buffer or dropping lines. What no exit handler
// can save: a SIGKILL or a V8 out-of-memory abort loses the info lines of the turn in which it
// strikes (warnings and errors were already written).
import { writeSync } from 'node:fs';
import pino, { type DestinationStream } from 'pino';

/** A batch this large is written at once instead of at the end of the turn. */
const HIGH_WATER = 64 * 1024;
/** pino's numeric levels: warn and above are written at once. */
const WARN = 40;
const pause = new Int32Array(new SharedArrayBuffer(4));
/** Every destination made, written out by one `exit` listener. */
const open = new Set<BufferedLogDestination>();
const flushAll = () => {
  for (const destination of open) destination.flushSync();
};

export class BufferedLogDestination implements DestinationStream {
  /** pino sets `lastLevel` before each write to a stream that asks for it. */
  readonly [pino.symbols.needsMetadataGsym] = true;
  lastLevel = 0;
  private pending: string[] = [];
  private size = 0;
  private scheduled = false;
  private broken = false;

  constructor(private readonly fd: number) {
    if (open.size === 0) process.on('exit', flushAll);
    open.add(this);
  }

  write(line: string): void {
    if (this.broken) return;
    this.pending.push(line);
    this.size += line.length;
    if (this.lastLevel >= WARN || this.size >= HIGH_WATER) this.flushSync();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flushScheduled);
    }
  }

  /** Writes a line that bypassed pino (the access log) the same way as an info line. */
  writeInfo(line: string): void {
    this.lastLevel = 30;
    this.write(line);
  }

  /** Writes out everything held, now. */
  flushSync(): void {
    if (this.size === 0 || this.broken) return;
    const data = Buffer.from(
      this.pending.length === 1 ? (this.pending[0] ?? '') : this.pending.join(''),
    );
    this.pending = [];
    this.size = 0;
    let offset = 0;
    while (offset < data.length) {
      try {
        offset += writeSync(this.fd, data, offset);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // A non-blocking pipe that is full: wait for the reader, as a blocking write would.
        if (code === 'EAGAIN') Atomics.wait(pause, 0, 0, 1);
        // The reader is gone: nothing can be logged any more (pino's own destination does the same).
        else if (code === 'EPIPE') {
          this.broken = true;
          return;
        } else throw error;
      }
    }
  }

  /** pino's `logger.flush(cb)` lands here. */
  flush(done?: (error?: Error) => void): void {
    this.flushSync();
    done?.();
  }

  private readonly flushScheduled = (): void => {
    this.scheduled = false;
    this.flushSync();
  };
}
