import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type AccessRecord, createAccessLog } from './access-log.js';
import { createLogger } from './logger.js';

function capture(): { sink: Writable; lines: () => Record<string, unknown>[]; raw: () => string } {
  let text = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return {
    sink,
    raw: () => text,
    lines: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

const RECORD: AccessRecord = {
  requestId: '0b9d7c1e-3f0a-4f55-9d2e-3b1c1b6a2f10',
  method: 'POST',
  path: '/graphql',
  status: 200,
  ms: 1.3,
  viewer: 'publishable',
};

describe('createAccessLog', () => {
  it('writes the line pino writes for logger.info(record, "request"): same keys in the same order, the bindings included', async () => {
    const fast = capture();
    const viaPino = capture();
    createAccessLog(createLogger('info', fast.sink))(RECORD);
    createLogger('info', viaPino.sink).info({ ...RECORD }, 'request');
    await new Promise((resolve) => setImmediate(resolve));
    const [a] = fast.lines();
    const [b] = viaPino.lines();
    expect(a && Object.keys(a)).toEqual(b && Object.keys(b));
    expect({ ...a, time: 'x' }).toEqual({ ...b, time: 'x' });
    expect(Date.parse(String(a?.time))).not.toBeNaN();
  });

  it('escapes what a client put in the path and the request id as pino would', async () => {
    const fast = capture();
    const viaPino = capture();
    const record = { ...RECORD, path: '/a"b\\c\u0001\u2028é', requestId: 'x"y' };
    createAccessLog(createLogger('info', fast.sink))(record);
    createLogger('info', viaPino.sink).info({ ...record }, 'request');
    await new Promise((resolve) => setImmediate(resolve));
    expect({ ...fast.lines()[0], time: 0 }).toEqual({ ...viaPino.lines()[0], time: 0 });
    expect(fast.lines()[0]?.path).toBe(record.path);
  });

  it('writes a child logger’s bindings and nothing when info is off', async () => {
    const out = capture();
    const logger = createLogger('info', out.sink);
    createAccessLog(logger.child({ instance: 'b' }))(RECORD);
    logger.level = 'warn';
    createAccessLog(logger)(RECORD);
    await new Promise((resolve) => setImmediate(resolve));
    expect(out.lines()).toHaveLength(1);
    expect(out.lines()[0]).toMatchObject({ service: 'lg-api', instance: 'b', msg: 'request' });
  });
});
