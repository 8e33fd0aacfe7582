import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAccessLog } from './access-log.js';
import { BufferedLogDestination } from './log-destination.js';
import { createLogger } from './logger.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function logFile(): { file: string; fd: number } {
  const dir = mkdtempSync(path.join(tmpdir(), 'lg-log-'));
  dirs.push(dir);
  const file = path.join(dir, 'api.log');
  return { file, fd: openSync(file, 'w') };
}

const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);

describe('BufferedLogDestination', () => {
  it('writes the lines of one turn of the event loop together at its end, in order', async () => {
    const { file, fd } = logFile();
    const logger = createLogger('info', new BufferedLogDestination(fd));
    const access = createAccessLog(logger);
    logger.info('first');
    access({ requestId: 'r1', method: 'GET', path: '/', status: 200, ms: 1, viewer: 'none' });
    logger.info('third');
    expect(lines(file)).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines(file).map((line) => JSON.parse(line).msg)).toEqual(['first', 'request', 'third']);
    closeSync(fd);
  });

  it('writes a warning or an error at once, with every line before it', () => {
    const { file, fd } = logFile();
    const logger = createLogger('info', new BufferedLogDestination(fd));
    logger.info('before');
    logger.warn('careful');
    expect(lines(file).map((line) => JSON.parse(line).msg)).toEqual(['before', 'careful']);
    logger.info('again');
    logger.error('broken');
    expect(lines(file)).toHaveLength(4);
    closeSync(fd);
  });

  it('writes what it holds when the process exits in the same turn (process.exit, a crash)', () => {
    const { file, fd } = logFile();
    closeSync(fd);
    const logger = new URL('./logger.ts', import.meta.url).pathname;
    for (const ending of ['process.exit(0)', 'throw new Error("crash")']) {
      const script = `
        import { openSync } from 'node:fs';
        import { BufferedLogDestination } from ${JSON.stringify(new URL('./log-destination.ts', import.meta.url).pathname)};
        import { createLogger } from ${JSON.stringify(logger)};
        const log = createLogger('info', new BufferedLogDestination(openSync(${JSON.stringify(file)}, 'a')));
        for (let i = 0; i < 1000; i += 1) log.info({ i }, 'line');
        ${ending};
      `;
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', script],
        {
          encoding: 'utf8',
        },
      );
      expect(run.status, run.stderr).toBe(ending.startsWith('throw') ? 1 : 0);
    }
    expect(lines(file)).toHaveLength(2000);
  });
});
